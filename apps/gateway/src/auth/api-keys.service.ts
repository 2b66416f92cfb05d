import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ApiKeyRole, VerifyApiKeyReply } from '#contracts';
import { currentContext, DomainError, rows, SERVICE_CONFIG } from '#platform';
import type { GatewayConfig } from '../config.js';
import type { ApiKeyView, CreateApiKeyRequest, CreatedApiKeyView } from './api-keys.dto.js';

const CACHE_MS = 30_000;

interface KeyRow {
  id: string;
  name: string;
  role: ApiKeyRole;
  customer_id: string | null;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * API keys: random 32-byte secrets shown once and stored only as a SHA-256 hash (a
 * high-entropy key needs no slow hash). Lookups are cached briefly; revoking clears the cache.
 */
@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');
  private readonly cache = new Map<string, { value: VerifyApiKeyReply | null; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = this.config.ADMIN_API_KEY;
    if (!key) return;
    await this.dataSource.query(
      `INSERT INTO gateway.api_keys (name, role, key_prefix, key_hash, created_by) VALUES ('bootstrap-admin', 'admin', $1, $2, 'ADMIN_API_KEY')
       ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, key_prefix = EXCLUDED.key_prefix, revoked_at = NULL`,
      [key.slice(0, 8), hashKey(key)],
    );
    this.logger.log('bootstrap admin key from ADMIN_API_KEY is active');
  }

  /** The key's identity, or undefined when it is unknown or revoked. */
  async verify(key: string): Promise<VerifyApiKeyReply | undefined> {
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.value ?? undefined;
    const [row] = await rows<KeyRow>(
      this.dataSource,
      `SELECT * FROM gateway.api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    const value = row
      ? { keyId: row.id, name: row.name, role: row.role, customerId: row.customer_id ?? undefined }
      : null;
    this.cache.set(hash, { value, until: Date.now() + CACHE_MS });
    return value ?? undefined;
  }

  async create(request: CreateApiKeyRequest): Promise<CreatedApiKeyView> {
    if (request.role === 'customer' && !request.customerId) {
      throw new DomainError('VALIDATION_FAILED', 'customerId is required for a customer key', {
        fields: [{ field: 'customerId', problems: ['customerId is required when role is customer'] }],
      });
    }
    const key = `o2c_${randomBytes(24).toString('base64url')}`;
    const inserted = await rows<KeyRow>(
      this.dataSource,
      `INSERT INTO gateway.api_keys (name, role, customer_id, key_prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name) DO NOTHING RETURNING *`,
      [
        request.name,
        request.role,
        request.customerId ?? null,
        key.slice(0, 8),
        hashKey(key),
        currentContext()?.caller?.actorId ?? 'system',
      ],
    );
    if (inserted.length === 0)
      throw new DomainError('ALREADY_EXISTS', `An API key named ${request.name} already exists`, {
        name: request.name,
      });
    return { ...toView(inserted[0]), key };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await rows<KeyRow>(this.dataSource, `SELECT * FROM gateway.api_keys ORDER BY created_at`)).map(toView);
  }

  async revoke(id: string): Promise<ApiKeyView> {
    const [row] = await rows<KeyRow>(
      this.dataSource,
      `UPDATE gateway.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *`,
      [id],
    );
    if (!row) throw new DomainError('NOT_FOUND', `No API key with id ${id}`, { id });
    this.cache.clear();
    return toView(row);
  }
}

function toView(row: KeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    customerId: row.customer_id ?? undefined,
    prefix: row.key_prefix,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : undefined,
  };
}
