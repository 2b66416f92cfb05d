/**
 * Every domain event travels in this envelope. `id` is the outbox row id and the
 * JetStream `Nats-Msg-Id`, so a re-published event is stored once and a redelivered one
 * is applied once.
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  subject: string;
  /**
   * The payload's schema version (`EventVersions` in contracts). Events written before
   * versions have none and count as version 1: read it with `eventVersion`.
   */
  v?: number;
  occurredAt: string;
  requestId?: string;
  /** Who caused the event (the caller of the request that made the change). */
  actor?: string;
  data: T;
}

/** The schema version of an event as received: 1 when the envelope has none (events from before versions). */
export function eventVersion(event: Pick<EventEnvelope, 'v'>): number {
  return event.v ?? 1;
}

/** One JetStream stream per producing service. */
export const EventStreams = {
  orders: { name: 'ORDERS_EVENTS', subjects: ['events.orders.>'] },
  inventory: { name: 'INVENTORY_EVENTS', subjects: ['events.inventory.>'] },
  warehouse: { name: 'WAREHOUSE_EVENTS', subjects: ['events.warehouse.>'] },
  billing: { name: 'BILLING_EVENTS', subjects: ['events.billing.>'] },
  pricing: { name: 'PRICING_EVENTS', subjects: ['events.pricing.>'] },
} as const;
export type EventStreamName = (typeof EventStreams)[keyof typeof EventStreams]['name'];
