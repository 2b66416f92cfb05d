import type { JetStreamManager } from '@nats-io/jetstream';
import {
  type Currency,
  type EventEnvelope,
  type OrderPlacedEvent,
  OrdersSubjects,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import {
  anOrderPlaced,
  aShipmentShipped,
  consumersCaughtUp,
  type PublishEventOptions,
  publishEvent,
  streamEvents,
  type TestApp,
} from '#testing';

/** Stands in for the orders service and the warehouse: publishes what billing consumes. */
export interface FakeProducers {
  jsm: JetStreamManager;
  orderPlaced(order: OrderPlacedEvent, options?: PublishEventOptions): Promise<EventEnvelope<OrderPlacedEvent>>;
  shipmentShipped(
    shipment: ShipmentShippedEvent,
    options?: PublishEventOptions,
  ): Promise<EventEnvelope<ShipmentShippedEvent>>;
  /** Waits until every durable consumer on `stream` has acknowledged everything in it. */
  settled(stream: string): Promise<void>;
  /** Every message on a stream with the given subject. */
  read<T>(stream: string, subject: string): Promise<Array<EventEnvelope<T>>>;
}

export function fakeProducers(h: TestApp): FakeProducers {
  return {
    jsm: h.jsm,
    orderPlaced: (order, options) => publishEvent(h.js, OrdersSubjects.orderPlaced, order, options),
    shipmentShipped: (shipment, options) => publishEvent(h.js, WarehouseSubjects.shipmentShipped, shipment, options),
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

/** A `shipment shipped` payload for `order`, shipping `quantities[i]` of line i (0 leaves the line out). */
export const aShipment = (order: OrderPlacedEvent, quantities: number[]): ShipmentShippedEvent =>
  aShipmentShipped(order, quantities);
