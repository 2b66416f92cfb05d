import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '#contracts';
import type { NatsContext } from '@nestjs/microservices';
import { DomainError } from '../errors/domain-error.js';
import { contextFromHeaders, headersOf } from './rpc-context.interceptor.js';

const ROLES_KEY = 'o2c:roles';

/**
 * Which caller roles may use a NATS handler. `system` (other services) is always allowed.
 * Handlers without it are open to every role; a request that names no caller is refused.
 */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Refuses a NATS request whose caller role is not listed by @AllowRoles. */
@Injectable()
export class RpcRolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'rpc') return true;
    // Guards run before interceptors, so the caller is read from the headers here.
    const caller = contextFromHeaders(headersOf(context.switchToRpc().getContext<NatsContext>())).caller;
    if (!caller)
      throw new DomainError(
        'UNAUTHENTICATED',
        'A request must say who is calling (x-actor-id and x-actor-role headers)',
      );
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    if (caller?.role === 'system' || (caller && roles.includes(caller.role))) return true;
    throw new DomainError(
      'FORBIDDEN',
      `Role ${caller?.role ?? 'anonymous'} may not do this; allowed: ${roles.join(', ')}`,
    );
  }
}
