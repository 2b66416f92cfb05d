import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  type Caller,
  type CommandSubject,
  ContextHeaders,
  type ErrorPayload,
  type ReplyOf,
  type RequestOf,
} from '#contracts';
import { signTestCaller } from './caller-keys.js';
import { testNatsOptions } from './infra.js';

/**
 * Sends requests to services the way other services do (Nest's NATS wire format), as a given
 * caller: a person signed by the gateway's key, a service by its own (caller-keys.ts).
 */
export class TestRpcClient {
  private constructor(readonly nc: NatsConnection) {}

  static async connect(url: string): Promise<TestRpcClient> {
    return new TestRpcClient(await connect(testNatsOptions(url)));
  }

  /**
   * Resolves with the reply, or rejects with the ErrorPayload the service answered. Typed from
   * the subject like `ServiceClient.request`; a test that sends a malformed payload on purpose
   * uses `send`.
   */
  request<S extends CommandSubject>(
    subject: S,
    data: RequestOf<S>,
    caller?: Caller,
    options?: { idempotencyKey?: string },
  ): Promise<ReplyOf<S>> {
    return this.send(subject, data, caller, options) as Promise<ReplyOf<S>>;
  }

  /** Sends any payload on any subject, unchecked: for tests of what a service does with a malformed request. */
  async send(
    subject: string,
    data: unknown,
    caller: Caller = { actorId: 'test', role: 'admin' },
    options: { idempotencyKey?: string } = {},
  ): Promise<unknown> {
    const h = headers();
    const requestId = randomUUID();
    h.set(ContextHeaders.requestId, requestId);
    h.set(ContextHeaders.callerContext, signTestCaller(caller, requestId));
    if (options.idempotencyKey) h.set(ContextHeaders.idempotencyKey, options.idempotencyKey);
    const msg = await this.nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), {
      timeout: 10_000,
      headers: h,
    });
    const reply = msg.json<{ err?: ErrorPayload; response?: unknown }>();
    if (reply.err) throw reply.err;
    return reply.response;
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
