import type { NatsConnection as RawNatsConnection } from '@nats-io/transport-node';

/**
 * Where a service says that its request connection (Nest's server) came back after a drop:
 * `presence.<service>.reconnected`, with how long it was gone. A request it was handed before the
 * drop is lost with the old connection (its reply, if any, is refused: `allow_responses` lets a
 * reply go out only on the connection the request came in on), and the service answers presence
 * again at once, so without this its callers would wait out their whole timeout.
 */
export function reconnectedSubject(service: string): string {
  return `presence.${service}.reconnected`;
}

export interface Reconnected {
  /** How long the connection was down, in ms. */
  downMs: number;
}

/**
 * Follows a connection's status: tells `onChange` when it drops and when it is back, and on every
 * reconnect publishes `reconnectedSubject(service)` so callers give up on what they sent it before.
 * Ends when the connection closes (then `onChange(false)`).
 */
export function announceReconnects(
  nc: RawNatsConnection,
  service: string,
  onChange: (connected: boolean) => void = () => undefined,
): void {
  onChange(!nc.isClosed());
  void (async () => {
    let droppedAt: number | undefined;
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        droppedAt ??= Date.now();
        onChange(false);
      } else if (status.type === 'reconnect') {
        const downMs = Date.now() - (droppedAt ?? Date.now());
        droppedAt = undefined;
        onChange(true);
        try {
          nc.publish(reconnectedSubject(service), JSON.stringify({ downMs } satisfies Reconnected));
        } catch {
          // Closed again already: the next reconnect announces.
        }
      }
    }
    onChange(false);
  })();
}
