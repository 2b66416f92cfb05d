import { Injectable } from '@nestjs/common';
import { headers as natsHeaders, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { type CommandSubject, ContextHeaders, isErrorPayload, type ReplyOf, type RequestOf } from '#contracts';
import { currentContext } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import type { Metrics } from '../metrics/metrics.js';
import { OK, outcomeOf } from '../metrics/outcome.js';
import { injectTraceHeaders, natsRequestSpan } from '../tracing/spans.js';
import type { CallerContexts } from './caller-context.js';
import { NatsConnection, presenceSubject } from './nats-connection.js';
import { type Reconnected, reconnectedSubject } from './reconnects.js';

/** How often a caller checks that the services it is waiting on are still there. */
const PRESENCE_CHECK_EVERY_MS = 1000;
/** How much later than a service's drop a request may have been sent and still be lost with it. */
const RECONNECT_SLACK_MS = 250;

interface Pending {
  subject: string;
  startedAt: number;
  fail(error: DomainError): void;
}

export interface RequestOptions {
  timeoutMs?: number;
  /**
   * Ask as this service itself (its own identity and rights) rather than as the current caller;
   * for work nobody asked for (a check of a key, a sweep).
   */
  asService?: boolean;
}

/**
 * Sends commands and queries to other services over NATS request-reply, speaking the
 * wire format of Nest's NATS transport. Carries the request id and the signed caller context
 * (the one this request arrived with, unchanged, or one this process signs) in headers,
 * turns error replies back into DomainErrors, and never hangs: no responder gives
 * SERVICE_UNAVAILABLE, no answer in time gives SERVICE_TIMEOUT. The payload and the reply are
 * typed from the subject (`CommandMap` in contracts), so a call that sends the wrong request
 * or reads the reply as the wrong type does not compile.
 */
@Injectable()
export class ServiceClient {
  /** Requests waiting for a reply, by the service that should answer. */
  private readonly pending = new Map<string, Set<Pending>>();
  private presenceTimer?: NodeJS.Timeout;
  private watchingStatus = false;
  /** The services whose reconnects this client listens for (from its first request to each). */
  private readonly watchedReconnects = new Set<string>();

  constructor(
    private readonly nats: NatsConnection,
    private readonly defaultTimeoutMs: number,
    private readonly callers: CallerContexts,
    private readonly presenceCheckEveryMs = PRESENCE_CHECK_EVERY_MS,
    private readonly metrics?: Metrics,
  ) {}

  async request<S extends CommandSubject>(
    subject: S,
    payload: RequestOf<S>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<S>> {
    try {
      const reply = await natsRequestSpan(subject, () => this.send(subject, payload, options));
      this.metrics?.natsClientRequests.inc({ subject, outcome: OK });
      return reply;
    } catch (error) {
      this.metrics?.natsClientRequests.inc({ subject, outcome: outcomeOf(error) });
      throw error;
    }
  }

  private async send<S extends CommandSubject>(
    subject: S,
    payload: RequestOf<S>,
    options: RequestOptions,
  ): Promise<ReplyOf<S>> {
    const context = currentContext();
    const requestId = context?.requestId ?? randomUUID();
    const h = natsHeaders();
    h.set(ContextHeaders.requestId, requestId);
    h.set(
      ContextHeaders.callerContext,
      options.asService
        ? this.callers.sign(this.callers.self, requestId)
        : (context?.callerToken ?? this.callers.sign(context?.caller ?? this.callers.self, requestId)),
    );
    if (context?.idempotencyKey) h.set(ContextHeaders.idempotencyKey, context.idempotencyKey);
    injectTraceHeaders(h);
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    const service = subject.split('.')[0];
    let reply: { err?: unknown; response?: unknown };
    try {
      const sent = this.nats.nc.request(
        subject,
        JSON.stringify({ pattern: subject, data: payload, id: randomUUID() }),
        {
          timeout,
          headers: h,
        },
      );
      const msg = await this.whilePresent(service, subject, sent);
      reply = msg.json();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw toTransportError(error, service, subject, timeout);
    }
    if (reply.err !== undefined && reply.err !== null) {
      if (isErrorPayload(reply.err)) throw DomainError.from(reply.err);
      throw new DomainError('INTERNAL', `${service} failed on ${subject}: ${JSON.stringify(reply.err)}`);
    }
    return reply.response as ReplyOf<S>;
  }

  /**
   * Waits for `sent`, but gives up with SERVICE_UNAVAILABLE as soon as the service stops
   * answering its presence subject (it died with the request in hand) or this process loses its
   * NATS connection (the reply could not reach it): a client gets its 503 and Retry-After in a
   * second or two instead of waiting out the command timeout. A service that is up but slow still
   * answers presence, so its callers wait for the timeout as before.
   */
  private whilePresent<T>(service: string, subject: string, sent: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        subject,
        startedAt: Date.now(),
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const waiting = this.pending.get(service) ?? new Set<Pending>();
      this.pending.set(service, waiting);
      waiting.add(entry);
      const done = () => {
        waiting.delete(entry);
        if (waiting.size === 0) this.pending.delete(service);
        if (this.pending.size === 0) this.stopPresenceChecks();
      };
      sent.then(
        (value) => {
          done();
          resolve(value);
        },
        (error: unknown) => {
          done();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
      this.startPresenceChecks();
      this.watchReconnects(service);
    });
  }

  /**
   * A service whose request connection dropped and came back says so (nats/reconnects.ts): what it
   * was handed before the drop went with the old connection, so the requests sent to it before
   * then fail now with SERVICE_UNAVAILABLE rather than at their timeout. A request sent since went
   * to the new connection or another replica, and waits as usual.
   */
  private watchReconnects(service: string): void {
    if (this.watchedReconnects.has(service)) return;
    this.watchedReconnects.add(service);
    this.nats.nc.subscribe(reconnectedSubject(service), {
      callback: (error, msg) => {
        if (error) return;
        let downMs = 0;
        try {
          downMs = Math.max(0, Number((msg.json() as Reconnected).downMs) || 0);
        } catch {
          // An announcement without a body: everything sent before now.
        }
        // Sent before the drop, with a little room for the announcement's way here.
        const before = Date.now() - downMs + RECONNECT_SLACK_MS;
        for (const p of [...(this.pending.get(service) ?? [])]) {
          if (p.startedAt > before) continue;
          p.fail(
            new DomainError(
              'SERVICE_UNAVAILABLE',
              `The ${service} service lost its NATS connection with ${p.subject} in hand; it may or may not have acted (retry with the same Idempotency-Key)`,
            ),
          );
        }
      },
    });
  }

  private startPresenceChecks(): void {
    this.watchStatus();
    if (this.presenceTimer) return;
    this.presenceTimer = setInterval(() => void this.checkPresence(), this.presenceCheckEveryMs);
    this.presenceTimer.unref();
  }

  private stopPresenceChecks(): void {
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = undefined;
  }

  private async checkPresence(): Promise<void> {
    const now = Date.now();
    for (const [service, waiting] of this.pending) {
      const waitingLong = [...waiting].filter((p) => now - p.startedAt >= this.presenceCheckEveryMs);
      if (waitingLong.length === 0) continue;
      const present = await this.nats.nc
        .request(presenceSubject(service), '', { timeout: this.presenceCheckEveryMs })
        .then(
          () => true,
          (error: unknown) => !isNoResponders(error),
        );
      if (present) continue;
      for (const p of waitingLong) {
        p.fail(
          new DomainError(
            'SERVICE_UNAVAILABLE',
            `The ${service} service stopped before it answered ${p.subject}; it may or may not have acted (retry with the same Idempotency-Key)`,
          ),
        );
      }
    }
  }

  /** A lost NATS connection fails every request in flight: their replies cannot arrive. */
  private watchStatus(): void {
    if (this.watchingStatus) return;
    this.watchingStatus = true;
    const nc = this.nats.nc;
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type !== 'disconnect') continue;
        for (const waiting of [...this.pending.values()]) {
          for (const p of [...waiting]) {
            p.fail(
              new DomainError(
                'SERVICE_UNAVAILABLE',
                `Lost the connection to NATS while waiting for the answer to ${p.subject}; it may or may not have been acted on (retry with the same Idempotency-Key)`,
              ),
            );
          }
        }
      }
    })();
  }
}

function isNoResponders(error: unknown): boolean {
  return (
    error instanceof NoRespondersError ||
    (error instanceof RequestError && error.isNoResponders()) ||
    (error instanceof Error && error.cause instanceof NoRespondersError)
  );
}

function toTransportError(error: unknown, service: string, subject: string, timeout: number): DomainError {
  if (isNoResponders(error)) {
    return new DomainError(
      'SERVICE_UNAVAILABLE',
      `The ${service} service is not running (no responder for ${subject})`,
    );
  }
  if (error instanceof TimeoutError || (error instanceof Error && error.cause instanceof TimeoutError)) {
    return new DomainError('SERVICE_TIMEOUT', `The ${service} service did not answer ${subject} within ${timeout} ms`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError('SERVICE_UNAVAILABLE', `Could not reach the ${service} service for ${subject}: ${message}`);
}
