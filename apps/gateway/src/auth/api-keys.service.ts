import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type ApiKeyRole, OrdersSubjects, type VerifyApiKeyReply } from '#contracts';
import { currentContext, DomainError, maybeRow, rows, SERVICE_CONFIG, ServiceClient } from '#platform';
import type { GatewayConfig } from '../config.js';
import type {
  ApiKeyView,
  CreateApiKeyRequest,
  CreatedApiKeyView,
  RotateApiKeyRequest,
  RotatedApiKeyView,
} from './api-keys.dto.js';
import { RateCounters } from './rate-counters.js';

/**
 * How long a look-up is remembered, known key or not. A revoked or expired key stops working
 * within this, on every gateway replica (each keeps its own cache).
 */
export const KEY_CACHE_MS = 1000;
/** How long a rotated-out secret keeps working unless the request says otherwise: a day. */
const DEFAULT_PREVIOUS_VALID_SECONDS = 86_400;

interface KeyRow {
  id: string;
  name: string;
  role: ApiKeyRole;
  customer_id: string | null;
  key_prefix: string;
  key_hash: string;
  created_at: Date;
  revoked_at: Date | null;
  expires_at: Date | null;
  previous_valid_until: Date | null;
  rotated_at: Date | null;
}

const KEY_COLUMNS = `id, name, role, customer_id, key_prefix, key_hash, created_at, revoked_at, expires_at,
  previous_valid_until, rotated_at`;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new secret: 24 random bytes, recognisable by its `o2c_` prefix. */
function newSecret(): string {
  return `o2c_${randomBytes(24).toString('base64url')}`;
}

/**
 * API keys: random secrets shown once and stored only as a SHA-256 hash (a high-entropy key
 * needs no slow hash). A key may expire, and may be rotated: the new secret works at once and
 * the old one until `previous_valid_until`. Look-ups are cached for KEY_CACHE_MS in a cache of
 * at most GATEWAY_KEY_CACHE_MAX hashes, so random keys cannot grow the gateway's memory.
 */
@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');
  private readonly cache: LRUCache<string, { value: VerifyApiKeyReply | null }>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
    private readonly services: ServiceClient,
    private readonly counters: RateCounters,
  ) {
    this.cache = new LRUCache({ max: config.GATEWAY_KEY_CACHE_MAX, ttl: KEY_CACHE_MS });
  }

  /** How many key hashes the cache holds now (bounded by KEY_CACHE_MAX). */
  get cachedKeys(): number {
    return this.cache.size;
  }

  /**
   * ADMIN_API_KEY becomes the `bootstrap-admin` key the first time the gateway starts. Later
   * starts leave it as it is: a revoked bootstrap key stays revoked, and a different
   * ADMIN_API_KEY is not taken (keys are managed through the API once there is one).
   */
  async onApplicationBootstrap(): Promise<void> {
    const key = this.config.ADMIN_API_KEY;
    if (!key) return;
    const created = await rows<{ id: string }>(
      this.dataSource,
      `INSERT INTO gateway.api_keys (name, role, key_prefix, key_hash, created_by) VALUES ('bootstrap-admin', 'admin', $1, $2, 'ADMIN_API_KEY')
       ON CONFLICT DO NOTHING RETURNING id`,
      [key.slice(0, 8), hashKey(key)],
    );
    if (created.length > 0) return this.logger.log('bootstrap admin key from ADMIN_API_KEY created');
    const existing = await maybeRow<KeyRow>(
      this.dataSource,
      `SELECT ${KEY_COLUMNS} FROM gateway.api_keys WHERE name = 'bootstrap-admin'`,
    );
    if (existing?.revoked_at)
      this.logger.warn('the bootstrap admin key was revoked; ADMIN_API_KEY does not bring it back');
    else if (existing && existing.key_hash !== hashKey(key))
      this.logger.warn('ADMIN_API_KEY differs from the bootstrap admin key created earlier; it is ignored');
  }

  /** The identity of a key, or undefined when it is unknown, revoked or expired. */
  verify(key: string): Promise<VerifyApiKeyReply | undefined> {
    return this.verifyHash(hashKey(key));
  }

  /** As `verify`, from the key's SHA-256 hash (what the scanner API sends: never the key itself). */
  async verifyHash(hash: string, options: { fresh?: boolean } = {}): Promise<VerifyApiKeyReply | undefined> {
    const cached = options.fresh ? undefined : this.cache.get(hash);
    if (cached) return cached.value ?? undefined;
    const row = await maybeRow<KeyRow>(
      this.dataSource,
      `SELECT ${KEY_COLUMNS} FROM gateway.api_keys
        WHERE (key_hash = $1 OR (previous_key_hash = $1 AND previous_valid_until > now()))
          AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [hash],
    );
    const value = row
      ? { keyId: row.id, name: row.name, role: row.role, customerId: row.customer_id ?? undefined }
      : null;
    this.cache.set(hash, { value });
    return value ?? undefined;
  }

  /** Counts a wrong key from `address`; past the limit, 429 instead of 401. */
  failedAttempt(address: string | undefined): Promise<void> {
    return this.counters.authFailure(address ?? 'unknown');
  }

  /** 429 while `address` is refused for sending too many wrong keys: checked before a key is looked up. */
  assertMayTry(address: string | undefined): void {
    this.counters.assertMayTry(address ?? 'unknown');
  }

  async create(request: CreateApiKeyRequest): Promise<CreatedApiKeyView> {
    if (request.role === 'customer' && !request.customerId) {
      throw new DomainError('VALIDATION_FAILED', 'customerId is required for a customer key', {
        fields: [{ field: 'customerId', problems: ['customerId is required when role is customer'] }],
      });
    }
    if (request.role !== 'customer' && request.customerId) {
      throw new DomainError('VALIDATION_FAILED', 'customerId is only for a customer key', {
        fields: [{ field: 'customerId', problems: [`customerId must be absent for role ${request.role}`] }],
      });
    }
    // A customer key may only act for a customer that exists (orders owns customers: 404 CUSTOMER_NOT_FOUND).
    if (request.customerId) await this.services.request(OrdersSubjects.getCustomer, { id: request.customerId });
    const expiresAt = request.expiresAt ? futureDate(request.expiresAt, 'expiresAt') : null;
    const key = newSecret();
    const inserted = await rows<KeyRow>(
      this.dataSource,
      `INSERT INTO gateway.api_keys (name, role, customer_id, key_prefix, key_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING ${KEY_COLUMNS}`,
      [
        request.name,
        request.role,
        request.customerId ?? null,
        key.slice(0, 8),
        hashKey(key),
        currentContext()?.caller?.actorId ?? 'gateway',
        expiresAt,
      ],
    );
    if (inserted.length === 0)
      throw new DomainError('ALREADY_EXISTS', `An API key named ${request.name} already exists`, {
        name: request.name,
      });
    return { ...toView(inserted[0]), key };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await rows<KeyRow>(this.dataSource, `SELECT ${KEY_COLUMNS} FROM gateway.api_keys ORDER BY created_at`)).map(
      toView,
    );
  }

  /**
   * Revokes a key for good. A caller cannot revoke the key it calls with, and the last active
   * admin key cannot be revoked (nobody could manage keys after it); admin keys are locked while
   * this is decided, so two admins revoking each other's keys at once cannot both succeed.
   */
  async revoke(id: string): Promise<ApiKeyView> {
    const revoked = await this.dataSource.transaction(async (em) => {
      const target = await maybeRow<KeyRow>(em, `SELECT ${KEY_COLUMNS} FROM gateway.api_keys WHERE id = $1`, [id]);
      if (!target) throw new DomainError('NOT_FOUND', `No API key with id ${id}`, { id });
      if (target.revoked_at) return target;
      if (currentContext()?.caller?.actorId === `key:${target.name}`)
        throw new DomainError(
          'KEY_IN_USE',
          `Key ${target.name} is the key of this request: revoke it with another key`,
          {
            id,
          },
        );
      if (target.role === 'admin') {
        const admins = await rows<{ id: string }>(
          em,
          `SELECT id FROM gateway.api_keys WHERE role = 'admin' AND revoked_at IS NULL
             AND (expires_at IS NULL OR expires_at > now()) ORDER BY id FOR UPDATE`,
        );
        if (admins.length === 1 && admins[0].id === id)
          throw new DomainError('KEY_IN_USE', `Key ${target.name} is the last active admin key: create another first`, {
            id,
          });
      }
      const [row] = await rows<KeyRow>(
        em,
        `UPDATE gateway.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${KEY_COLUMNS}`,
        [id],
      );
      return row ?? target;
    });
    this.cache.clear();
    return toView(revoked);
  }

  /**
   * A new secret for a key. The old secret keeps working for `previousKeyValidSeconds` (default
   * a day; 0 ends it at once), so its holder can switch without an outage.
   */
  async rotate(id: string, request: RotateApiKeyRequest): Promise<RotatedApiKeyView> {
    const key = newSecret();
    const seconds = request.previousKeyValidSeconds ?? DEFAULT_PREVIOUS_VALID_SECONDS;
    const [row] = await rows<KeyRow>(
      this.dataSource,
      `UPDATE gateway.api_keys SET previous_key_hash = key_hash, previous_valid_until = now() + make_interval(secs => $2),
              key_hash = $3, key_prefix = $4, rotated_at = now()
        WHERE id = $1 AND revoked_at IS NULL RETURNING ${KEY_COLUMNS}`,
      [id, seconds, hashKey(key), key.slice(0, 8)],
    );
    if (!row) {
      const exists = await maybeRow(this.dataSource, `SELECT id FROM gateway.api_keys WHERE id = $1`, [id]);
      if (!exists) throw new DomainError('NOT_FOUND', `No API key with id ${id}`, { id });
      throw new DomainError('ILLEGAL_TRANSITION', 'A revoked key cannot be rotated', { id });
    }
    this.cache.clear();
    return { ...toView(row), key };
  }
}

function futureDate(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now())
    throw new DomainError('VALIDATION_FAILED', `${field} must be a date-time in the future`, {
      fields: [{ field, problems: [`${field} must be a date-time in the future`] }],
    });
  return date;
}

function iso(date: Date | null): string | undefined {
  return date ? new Date(date).toISOString() : undefined;
}

function toView(row: KeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    customerId: row.customer_id ?? undefined,
    prefix: row.key_prefix,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: iso(row.revoked_at),
    expiresAt: iso(row.expires_at),
    rotatedAt: iso(row.rotated_at),
    previousKeyValidUntil: iso(row.previous_valid_until),
  };
}
