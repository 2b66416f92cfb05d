import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GatewaySubjects, type VerifyApiKeyReply } from '#contracts';
import { DomainError, Handles } from '#platform';
import { ApiKeysService } from './api-keys.service.js';

/** Lets other HTTP edges (the warehouse scanner API) check keys without owning them. */
@Controller()
export class ApiKeysHandler {
  constructor(private readonly keys: ApiKeysService) {}

  @Handles(GatewaySubjects.verifyApiKey)
  async verify(@Payload() request: { apiKey?: unknown }): Promise<VerifyApiKeyReply> {
    const identity = typeof request?.apiKey === 'string' ? await this.keys.verify(request.apiKey) : undefined;
    if (!identity) throw new DomainError('UNAUTHENTICATED', 'The API key is not valid or was revoked');
    return identity;
  }
}
