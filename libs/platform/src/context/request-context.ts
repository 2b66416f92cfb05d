import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '#contracts';

/** What every log line and every outgoing NATS request of one unit of work carries. */
export interface RequestContext {
  requestId: string;
  caller?: Caller;
  /**
   * The signed caller context this request arrived with: passed on unchanged to the services it
   * calls. Absent where this process itself decides who the caller is (the gateway, the scanner
   * API, a service's own work), and then `ServiceClient` signs `caller`.
   */
  callerToken?: string;
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
