import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { GatewaySubjects, type VerifyApiKeyReply, type VerifyApiKeyRequest } from '#contracts';
import { DomainError, SERVICE_CONFIG, ServiceClient } from '#platform';
import { WarehouseConfig } from '../config.js';

/** Errors that say the gateway could not answer, as opposed to "this key is no good". */
const UNAVAILABLE = new Set(['SERVICE_UNAVAILABLE', 'SERVICE_TIMEOUT', 'INTERNAL']);
const MAX_CACHED_KEYS = 10_000;

/**
 * Verifies scanner API keys with the gateway (which owns them) by the key's SHA-256 (the key
 * itself never goes over NATS), and trusts a successful answer for SCANNER_KEY_CACHE_MS (at most
 * a second), so a burst of scans costs one round trip. Failures are never cached.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { key: VerifyApiKeyReply; expires: number }>();

  constructor(
    private readonly client: ServiceClient,
    @Inject(SERVICE_CONFIG) private readonly config: WarehouseConfig,
  ) {}

  async verify(apiKey: string): Promise<VerifyApiKeyReply> {
    const digest = createHash('sha256').update(apiKey).digest('hex');
    const now = Date.now();
    const hit = this.cache.get(digest);
    if (hit && hit.expires > now) return hit.key;
    let key: VerifyApiKeyReply;
    try {
      const request: VerifyApiKeyRequest = { keyHash: digest };
      // The warehouse itself asks, not the (still unknown) scanner.
      key = await this.client.request(GatewaySubjects.verifyApiKey, request, { asService: true });
    } catch (error) {
      if (error instanceof DomainError && UNAVAILABLE.has(error.code)) throw error;
      throw new DomainError('UNAUTHENTICATED', 'The API key is not valid');
    }
    this.remember(digest, key, now);
    return key;
  }

  private remember(digest: string, key: VerifyApiKeyReply, now: number): void {
    if (this.cache.size >= MAX_CACHED_KEYS) {
      for (const [d, entry] of this.cache) if (entry.expires <= now) this.cache.delete(d);
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
    }
    this.cache.set(digest, { key, expires: now + this.config.SCANNER_KEY_CACHE_MS });
  }
}
