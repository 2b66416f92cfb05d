import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { currentContext, DomainError } from '#platform';
import { ApiKeysService } from './api-keys.service.js';
import { routeKeyOf } from '#platform';
import { PUBLIC, ROUTE_POLICY } from './route-policy.js';

/** No key the gateway issues is longer; a longer one is refused without a look-up. */
const MAX_KEY_LENGTH = 200;

/** Reads the key from `X-Api-Key` or `Authorization: Bearer`. */
export function apiKeyOf(request: Request): string | undefined {
  const header = request.header('x-api-key');
  if (header) return header.trim();
  const authorization = request.header('authorization');
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * Deny by default: a route's callers are its entry in ROUTE_POLICY. 401 without a valid key,
 * 403 when the key's role is not listed. The key's identity becomes the caller of the request
 * context, which travels with every command the request makes.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const route = routeKeyOf(context.getClass(), context.getHandler());
    const rule = route ? ROUTE_POLICY[route] : undefined;
    if (rule === PUBLIC) return true;
    const key = apiKeyOf(request);
    if (!key)
      throw new DomainError('UNAUTHENTICATED', 'An API key is required: send it as X-Api-Key or Authorization: Bearer');
    const identity = key.length <= MAX_KEY_LENGTH ? await this.keys.verify(key) : undefined;
    if (!identity) {
      // A valid key is served whatever its address did; wrong keys from an address past the limit get 429.
      this.keys.assertMayTry(request.ip);
      await this.keys.failedAttempt(request.ip);
      throw new DomainError('UNAUTHENTICATED', 'The API key is not valid, has expired or was revoked');
    }
    const requestContext = currentContext();
    if (requestContext)
      requestContext.caller = { actorId: `key:${identity.name}`, role: identity.role, customerId: identity.customerId };
    if (!rule || !rule.includes(identity.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Role ${identity.role} may not call ${route ?? `${request.method} ${request.path}`}; allowed: ${rule ? rule.join(', ') : 'nobody'}`,
      );
    }
    return true;
  }
}
