import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, Logger } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { ContextHeaders } from '#contracts';
import { runWithContext, type RequestContext } from '../context/request-context.js';
import { ServiceLifecycle } from '../health/lifecycle.js';
import { Metrics } from '../metrics/metrics.js';
import { OK, outcomeOf } from '../metrics/outcome.js';
import { natsServerSpan } from '../tracing/spans.js';
import { CallerContexts } from './caller-context.js';

type VerifiedRequestContext = RequestContext & Required<Pick<RequestContext, 'caller'>>;

/** Each NATS message's verified context, so the guard and the interceptor verify it once. */
const verified = new WeakMap<object, VerifiedRequestContext>();

/**
 * The request context of a NATS request: the caller, request id and the token itself from its
 * signed caller context, which is verified here (UNAUTHENTICATED when absent, forged, changed or
 * expired), and the client's idempotency key.
 */
export function verifiedContextOf(natsContext: NatsContext, verifier: CallerContexts): VerifiedRequestContext {
  const known = verified.get(natsContext);
  if (known) return known;
  const h = headersOf(natsContext);
  const { caller, requestId, token } = verifier.verify(h?.get(ContextHeaders.callerContext) || undefined);
  const context = {
    requestId,
    caller,
    callerToken: token,
    idempotencyKey: h?.get(ContextHeaders.idempotencyKey) || undefined,
  };
  verified.set(natsContext, context);
  return context;
}

/**
 * Runs each NATS handler inside its request's verified context, logs failures, counts and times
 * the requests answered (o2c_nats_requests_total, o2c_nats_request_duration_seconds), and counts the
 * requests in hand (a stopping service answers them before it closes its connection).
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  constructor(
    private readonly callers: CallerContexts,
    private readonly lifecycle: ServiceLifecycle,
    private readonly metrics: Metrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const natsContext = context.switchToRpc().getContext<NatsContext>();
    const requestContext = verifiedContextOf(natsContext, this.callers);
    const subject = natsContext.getSubject?.() ?? '?';
    const started = Date.now();
    const span = natsServerSpan(subject, headersOf(natsContext));
    const timer = this.metrics.natsRequestDuration.startTimer({ subject });
    return new Observable((subscriber) => {
      this.lifecycle.requestStarted();
      // next.handle() binds the handler to the async context it is called in: call it inside both.
      const subscription = span.run(() =>
        runWithContext(requestContext, () =>
          next.handle().subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => {
              const code = (error as { code?: string }).code ?? 'INTERNAL';
              this.logger.log({ subject, ms: Date.now() - started, error: code }, 'request failed');
              this.metrics.natsRequests.inc({ subject, outcome: outcomeOf(error) });
              timer();
              span.end(error);
              subscriber.error(error);
            },
            complete: () => {
              this.logger.debug({ subject, ms: Date.now() - started }, 'request done');
              this.metrics.natsRequests.inc({ subject, outcome: OK });
              timer();
              span.end();
              subscriber.complete();
            },
          }),
        ),
      );
      // After the reply went out (complete or error), or the request was dropped.
      return () => {
        subscription.unsubscribe();
        span.end();
        this.lifecycle.requestFinished();
      };
    });
  }
}

/** A NATS message's headers (Nest types them `any`), or undefined when it carries none. */
export function headersOf(natsContext: NatsContext): { get(key: string): string } | undefined {
  return natsContext.getHeaders?.() as { get(key: string): string } | undefined;
}
