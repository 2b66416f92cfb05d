import type { JetStreamManager } from '@nats-io/jetstream';
import {
  type Currency,
  type EventEnvelope,
  type OrderLinesShippedEvent,
  type OrderPlacedEvent,
  OrdersSubjects,
} from '#contracts';
import {
  aLinesShipped,
  anOrderPlaced,
  consumersCaughtUp,
  type PublishEventOptions,
  publishEvent,
  streamEvents,
  type TestApp,
} from '#testing';

/** Stands in for the orders service: publishes what billing consumes. */
export interface FakeProducers {
  jsm: JetStreamManager;
  orderPlaced(order: OrderPlacedEvent, options?: PublishEventOptions): Promise<EventEnvelope<OrderPlacedEvent>>;
  /** Orders applied a shipment: `lines shipped`, with what it makes billable. */
  linesShipped(
    shipment: OrderLinesShippedEvent,
    options?: PublishEventOptions,
  ): Promise<EventEnvelope<OrderLinesShippedEvent>>;
  /** Waits until every durable consumer on `stream` has acknowledged everything in it. */
  settled(stream: string): Promise<void>;
  /** Every message on a stream with the given subject. */
  read<T>(stream: string, subject: string): Promise<Array<EventEnvelope<T>>>;
}

export function fakeProducers(h: TestApp): FakeProducers {
  return {
    jsm: h.jsm,
    orderPlaced: (order, options) => publishEvent(h.js, OrdersSubjects.orderPlaced, order, options),
    linesShipped: (shipment, options) => publishEvent(h.js, OrdersSubjects.linesShipped, shipment, options),
    settled: (stream) => consumersCaughtUp(h.jsm, stream),
    read: (stream, subject) => streamEvents(h.jsm, stream, subject),
  };
}

export interface LineSpec {
  sku: string;
  quantity: number;
  unitPriceMinor: number;
}

/** An `order placed` payload as the orders service would publish it, every line allocated at WH1. */
export function anOrder(customerId: string, lines: LineSpec[], currency: Currency = 'EUR'): OrderPlacedEvent {
  return anOrderPlaced({
    customerId,
    currency,
    lines: lines.map((l) => ({ ...l, allocations: [{ locationCode: 'WH1', quantity: l.quantity }] })),
  });
}

/**
 * A `lines shipped` payload for `order`, shipping `quantities[i]` of line i (0 leaves the line
 * out), all of it billable unless `billable` says what is.
 */
export const aShipment = (
  order: OrderPlacedEvent,
  quantities: number[],
  billable?: OrderLinesShippedEvent['billable'],
): OrderLinesShippedEvent => aLinesShipped(order, quantities, billable ? { billable } : {});
