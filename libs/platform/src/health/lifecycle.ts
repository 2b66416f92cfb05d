import { Logger } from '@nestjs/common';
import { ServerNats } from '@nestjs/microservices';
import type { NatsConnection as RawNatsConnection } from '@nats-io/transport-node';
import { announceReconnects } from '../nats/reconnects.js';

/**
 * Where a service process is in its life, for readiness and for a graceful stop: whether its
 * migrations are done, whether it is draining (told to stop: not ready any more, finishing what it
 * has in hand), and how many NATS requests it is serving right now.
 */
export class ServiceLifecycle {
  migrated = false;
  /** The NATS connection the service's request handlers listen on (Nest's server), between reconnects. */
  serverConnected = false;
  private drainingSince?: number;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** From now on readiness answers 503, so load balancers and peers stop sending work here. */
  startDraining(): void {
    this.drainingSince ??= Date.now();
  }

  /** NATS requests being handled now (counted by RpcContextInterceptor). */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  requestStarted(): void {
    this.inFlight++;
  }

  requestFinished(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** Resolves when no NATS request is in hand, or after `timeoutMs` (true when idle). */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/**
 * Nest's NATS server with a drain that waits for the requests in hand: on close it unsubscribes
 * from the service's queue group (new requests go to other replicas, or wait for this one's
 * successor), waits until every request it took has been answered (at most `timeoutMs`), and only
 * then closes its connection. Nest's own graceful shutdown waits a fixed time instead.
 */
export class DrainingNatsServer extends ServerNats {
  private readonly drainLogger = new Logger('Drain');
  constructor(
    options: ConstructorParameters<typeof ServerNats>[0],
    private readonly lifecycle: ServiceLifecycle,
    private readonly timeoutMs: number,
    /** The service it serves: it announces its reconnects (nats/reconnects.ts) under this name. */
    private readonly service: string,
  ) {
    super({ ...options, gracefulShutdown: false });
  }

  override async listen(callback: (error?: unknown, ...rest: unknown[]) => void): Promise<void> {
    await super.listen((error?: unknown, ...rest: unknown[]) => {
      if (!error) this.watchConnection();
      callback(error, ...rest);
    });
  }

  private watchConnection(): void {
    const client = this.unwrap<RawNatsConnection>();
    announceReconnects(client, this.service, (connected) => (this.lifecycle.serverConnected = connected));
  }

  override async close(): Promise<void> {
    // Nest keeps the queue subscriptions in a private field (server-nats.js `subscriptions`).
    const { subscriptions } = this as unknown as { subscriptions?: Array<{ unsubscribe(): void }> };
    for (const subscription of subscriptions ?? []) subscription.unsubscribe();
    const inHand = this.lifecycle.requestsInFlight;
    if (inHand > 0) {
      this.drainLogger.log(`left the queue group; answering ${inHand} request(s) in hand`);
      const idle = await this.lifecycle.idle(this.timeoutMs);
      if (!idle)
        this.drainLogger.warn(`${this.lifecycle.requestsInFlight} request(s) unanswered after ${this.timeoutMs} ms`);
    }
    // The replies just sent are on their way before the connection closes.
    await this.unwrap<{ flush(): Promise<void> }>()
      .flush()
      .catch(() => undefined);
    await super.close();
  }
}
