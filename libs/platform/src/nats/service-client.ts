import { Injectable } from '@nestjs/common';
import { headers as natsHeaders, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  type Caller,
  type CommandSubject,
  ContextHeaders,
  isErrorPayload,
  type ReplyOf,
  type RequestOf,
} from '#contracts';
import { currentContext, SYSTEM_CALLER } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import { NatsConnection } from './nats-connection.js';

export interface RequestOptions {
  timeoutMs?: number;
  /** Act as this caller instead of the current one (for example the system). */
  caller?: Caller;
}

/**
 * Sends commands and queries to other services over NATS request-reply, speaking the
 * wire format of Nest's NATS transport. Carries the request id and caller in headers,
 * turns error replies back into DomainErrors, and never hangs: no responder gives
 * SERVICE_UNAVAILABLE, no answer in time gives SERVICE_TIMEOUT. The payload and the reply are
 * typed from the subject (`CommandMap` in contracts), so a call that sends the wrong request
 * or reads the reply as the wrong type does not compile.
 */
@Injectable()
export class ServiceClient {
  constructor(
    private readonly nats: NatsConnection,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<S extends CommandSubject>(
    subject: S,
    payload: RequestOf<S>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<S>> {
    const context = currentContext();
    const caller = options.caller ?? context?.caller ?? SYSTEM_CALLER;
    const h = natsHeaders();
    h.set(ContextHeaders.requestId, context?.requestId ?? randomUUID());
    h.set(ContextHeaders.actorId, caller.actorId);
    h.set(ContextHeaders.role, caller.role);
    if (caller.customerId) h.set(ContextHeaders.customerId, caller.customerId);
    if (context?.idempotencyKey) h.set(ContextHeaders.idempotencyKey, context.idempotencyKey);
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    const service = subject.split('.')[0];
    let reply: { err?: unknown; response?: unknown };
    try {
      const msg = await this.nats.nc.request(
        subject,
        JSON.stringify({ pattern: subject, data: payload, id: randomUUID() }),
        {
          timeout,
          headers: h,
        },
      );
      reply = msg.json();
    } catch (error) {
      throw toTransportError(error, service, subject, timeout);
    }
    if (reply.err !== undefined && reply.err !== null) {
      if (isErrorPayload(reply.err)) throw DomainError.from(reply.err);
      throw new DomainError('INTERNAL', `${service} failed on ${subject}: ${JSON.stringify(reply.err)}`);
    }
    return reply.response as ReplyOf<S>;
  }
}

function toTransportError(error: unknown, service: string, subject: string, timeout: number): DomainError {
  const noResponders =
    error instanceof NoRespondersError ||
    (error instanceof RequestError && error.isNoResponders()) ||
    (error instanceof Error && error.cause instanceof NoRespondersError);
  if (noResponders) {
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
