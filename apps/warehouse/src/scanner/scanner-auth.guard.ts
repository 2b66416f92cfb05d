import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { ApiKeyRole } from '#contracts';
import { currentContext, DomainError } from '#platform';
import { ApiKeyVerifier } from './api-key-verifier.service.js';

const SCANNER_ROLES: readonly ApiKeyRole[] = ['warehouse', 'admin'];

/**
 * Lets a request through only with a valid warehouse or admin API key, sent as
 * `X-Api-Key: <key>` or `Authorization: Bearer <key>`. The key becomes the caller of the
 * request context, so logs, *_by columns and outgoing requests name the scanner.
 */
@Injectable()
export class ScannerAuthGuard implements CanActivate {
  constructor(private readonly verifier: ApiKeyVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const apiKey = apiKeyOf(context.switchToHttp().getRequest<Request>());
    if (!apiKey) throw new DomainError('UNAUTHENTICATED', 'Send an API key as X-Api-Key or Authorization: Bearer');
    const key = await this.verifier.verify(apiKey);
    if (!SCANNER_ROLES.includes(key.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Role ${key.role} may not use the scanner API; allowed: ${SCANNER_ROLES.join(', ')}`,
      );
    }
    const requestContext = currentContext();
    if (!requestContext) throw new Error('No request context: requestContextMiddleware did not run for this route');
    // Same actor id the gateway gives a key, so audit columns name a scanner one way everywhere.
    requestContext.caller = { actorId: `key:${key.name}`, role: key.role, customerId: key.customerId };
    return true;
  }
}

function apiKeyOf(request: Request): string | undefined {
  const header = request.header('x-api-key')?.trim();
  if (header) return header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '');
  return match?.[1];
}
