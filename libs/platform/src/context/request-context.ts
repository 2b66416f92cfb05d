import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '#contracts';

/** What every log line and every outgoing NATS request of one unit of work carries. */
export interface RequestContext {
  requestId: string;
  caller?: Caller;
  idempotencyKey?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request context. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request context, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The system itself acting (relays, consumers, start-up). */
export const SYSTEM_CALLER: Caller = { actorId: 'system', role: 'system' };
