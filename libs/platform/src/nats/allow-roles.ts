import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '#contracts';
import type { NatsContext } from '@nestjs/microservices';
import { DomainError } from '../errors/domain-error.js';
import { CallerContexts, SERVICE_ROLE, serviceMayCall } from './caller-context.js';
import { verifiedContextOf } from './rpc-context.interceptor.js';

const ROLES_KEY = 'o2c:roles';

/**
 * Which people (API key roles) may use a NATS handler; handlers without it are open to every
 * person. A service acting on its own is judged by its identity's rights instead (the subjects its
 * entry in NATS_IDENTITIES calls), whatever this lists.
 */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Runs before every NATS handler: refuses a request without a valid signed caller context
 * (UNAUTHENTICATED, naming why), a person whose role @AllowRoles does not list, and a service
 * calling a subject outside its rights (FORBIDDEN).
 */
@Injectable()
export class RpcRolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly callers: CallerContexts,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'rpc') return true;
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    // Guards run before interceptors: the context is verified here, once, and kept for the interceptor.
    const { caller } = verifiedContextOf(natsContext, this.callers);
    const subject = natsContext.getSubject?.() ?? '';
    if (caller.role === SERVICE_ROLE) {
      if (serviceMayCall(caller.actorId, subject)) return true;
      throw new DomainError('FORBIDDEN', `The ${caller.actorId} service has no right to call ${subject}`);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.includes(caller.role)) return true;
    throw new DomainError('FORBIDDEN', `Role ${caller.role} may not do this; allowed: ${roles.join(', ')}`);
  }
}
