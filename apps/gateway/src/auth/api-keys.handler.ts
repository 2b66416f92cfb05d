import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GatewaySubjects, type VerifyApiKeyReply } from '#contracts';
import { DomainError, Handles } from '#platform';
import { ApiKeysService } from './api-keys.service.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Lets other HTTP edges (the warehouse scanner API) check keys without owning them, by the key's
 * SHA-256: the key itself never crosses NATS. Answered from the table, not the cache, so a key
 * revoked a moment ago is refused at once (the asker keeps its own cache at most a second).
 */
@Controller()
export class ApiKeysHandler {
  constructor(private readonly keys: ApiKeysService) {}

  @Handles(GatewaySubjects.verifyApiKey)
  async verify(@Payload() request: { keyHash?: unknown }): Promise<VerifyApiKeyReply> {
    const hash = request?.keyHash;
    const identity =
      typeof hash === 'string' && SHA256_HEX.test(hash) ? await this.keys.verifyHash(hash, { fresh: true }) : undefined;
    if (!identity) throw new DomainError('UNAUTHENTICATED', 'The API key is not valid or was revoked');
    return identity;
  }
}
