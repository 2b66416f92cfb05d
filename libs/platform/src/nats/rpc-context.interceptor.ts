import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, Logger } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { type Caller, ContextHeaders, type Role, Roles } from '#contracts';
import { runWithContext, type RequestContext } from '../context/request-context.js';

/** Reads the request id and caller from NATS headers and runs the handler inside that context. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const requestContext = contextFromHeaders(headersOf(natsContext));
    const subject = natsContext.getSubject?.() ?? '?';
    const started = Date.now();
    return new Observable((subscriber) =>
      runWithContext(requestContext, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            const code = (error as { code?: string }).code ?? 'INTERNAL';
            this.logger.log({ subject, ms: Date.now() - started, error: code }, 'request failed');
            subscriber.error(error);
          },
          complete: () => {
            this.logger.debug({ subject, ms: Date.now() - started }, 'request done');
            subscriber.complete();
          },
        }),
      ),
    );
  }
}

/** A NATS message's headers (Nest types them `any`), or undefined when it carries none. */
export function headersOf(natsContext: NatsContext): { get(key: string): string } | undefined {
  return natsContext.getHeaders?.() as { get(key: string): string } | undefined;
}

export function contextFromHeaders(h: { get(key: string): string } | undefined): RequestContext {
  const role = h?.get(ContextHeaders.role) ?? '';
  const caller: Caller | undefined = (Roles as readonly string[]).includes(role)
    ? {
        actorId: h?.get(ContextHeaders.actorId) || 'unknown',
        role: role as Role,
        customerId: h?.get(ContextHeaders.customerId) || undefined,
      }
    : undefined;
  return {
    requestId: h?.get(ContextHeaders.requestId) || randomUUID(),
    caller,
    idempotencyKey: h?.get(ContextHeaders.idempotencyKey) || undefined,
  };
}
