import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ApiKeyRole } from '#contracts';
import { currentContext, DomainError, IS_PUBLIC } from '#platform';
import { ApiKeysService } from './api-keys.service.js';

const ROLES_KEY = 'o2c:http-roles';

/** Roles an API key must have to call a route. */
export const Roles = (...roles: ApiKeyRole[]) => SetMetadata(ROLES_KEY, roles);

/** Reads the key from `X-Api-Key` or `Authorization: Bearer`. */
export function apiKeyOf(request: Request): string | undefined {
  const header = request.header('x-api-key');
  if (header) return header.trim();
  const authorization = request.header('authorization');
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * 401 without a valid key, 403 when the key's role may not call the route. The key's
 * identity becomes the caller of the request context, which travels in NATS headers.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const key = apiKeyOf(request);
    if (!key)
      throw new DomainError('UNAUTHENTICATED', 'An API key is required: send it as X-Api-Key or Authorization: Bearer');
    const identity = await this.keys.verify(key);
    if (!identity) throw new DomainError('UNAUTHENTICATED', 'The API key is not valid or was revoked');
    const requestContext = currentContext();
    if (requestContext)
      requestContext.caller = { actorId: `key:${identity.name}`, role: identity.role, customerId: identity.customerId };
    const roles = this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(identity.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Role ${identity.role} may not call ${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}; allowed: ${roles.join(', ')}`,
      );
    }
    return true;
  }
}
