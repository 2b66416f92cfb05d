import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  type Caller,
  ContextHeaders,
  type Currency,
  type ErrorPayload,
  type EventEnvelope,
  type OrderPlacedEvent,
  OrdersSubjects,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import { eventually } from '#testing';

/** Publishes events into JetStream the way the platform's outbox relay does. */
export class FakeProducers {
  readonly js: JetStreamClient;

  private constructor(
    nc: NatsConnection,
    readonly jsm: JetStreamManager,
  ) {
    this.js = jetstream(nc);
  }

  static async connect(nc: NatsConnection): Promise<FakeProducers> {
    return new FakeProducers(nc, await jetstreamManager(nc));
  }

  /** Publishes one envelope; `msgID` defaults to the envelope id (a different one defeats JetStream's dedupe). */
  async publish<T>(subject: string, data: T, options: { id?: string; msgID?: string } = {}): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = {
      id: options.id ?? randomUUID(),
      subject,
      occurredAt: new Date().toISOString(),
      data,
    };
    await this.js.publish(subject, JSON.stringify(envelope), { msgID: options.msgID ?? envelope.id });
    return envelope;
  }

  orderPlaced(
    order: OrderPlacedEvent,
    options?: { id?: string; msgID?: string },
  ): Promise<EventEnvelope<OrderPlacedEvent>> {
    return this.publish(OrdersSubjects.orderPlaced, order, options);
  }

  shipmentShipped(
    shipment: ShipmentShippedEvent,
    options?: { id?: string; msgID?: string },
  ): Promise<EventEnvelope<ShipmentShippedEvent>> {
    return this.publish(WarehouseSubjects.shipmentShipped, shipment, options);
  }

  /** Waits until every durable consumer on `stream` has acknowledged everything in it. */
  async settled(stream: string): Promise<void> {
    await eventually(
      async () => {
        const info = await this.jsm.streams.info(stream);
        const consumers = await this.jsm.consumers.list(stream).next();
        const behind = consumers.filter(
          (c) => c.ack_floor.stream_seq < info.state.last_seq || c.num_pending > 0 || c.num_ack_pending > 0,
        );
        return consumers.length > 0 && behind.length === 0 ? true : undefined;
      },
      20_000,
      `consumers of ${stream} to catch up`,
    );
  }

  /** Every message on a stream with the given subject, read with an ordered consumer. */
  async read<T>(stream: string, subject: string): Promise<Array<EventEnvelope<T>>> {
    const info = await this.jsm.streams.info(stream);
    const consumer = await this.js.consumers.get(stream);
    const out: Array<EventEnvelope<T>> = [];
    for (let i = 0; i < info.state.messages; i++) {
      const message = await consumer.next({ expires: 5_000 });
      if (!message) break;
      if (message.subject === subject) out.push(message.json<EventEnvelope<T>>());
    }
    await consumer.delete().catch(() => undefined);
    return out;
  }
}

export interface LineSpec {
  sku: string;
  quantity: number;
  unitPriceMinor: number;
}

let orderCount = 0;

/** An `order placed` payload as the orders service would publish it. */
export function anOrder(customerId: string, lines: LineSpec[], currency: Currency = 'EUR'): OrderPlacedEvent {
  orderCount += 1;
  return {
    orderId: randomUUID(),
    number: `SO-${String(orderCount).padStart(6, '0')}`,
    customerId,
    currency,
    orderDate: new Date().toISOString(),
    lines: lines.map((l, i) => ({
      lineId: randomUUID(),
      lineNo: i + 1,
      ...l,
      allocations: [{ locationCode: 'WH1', quantity: l.quantity }],
    })),
  };
}

let shipmentCount = 0;

/** A `shipment shipped` payload for `order`, shipping `quantities[i]` of line i (0 leaves the line out). */
export function aShipment(order: OrderPlacedEvent, quantities: number[]): ShipmentShippedEvent {
  shipmentCount += 1;
  return {
    shipmentId: randomUUID(),
    shipmentNumber: `SH-${String(shipmentCount).padStart(6, '0')}`,
    orderId: order.orderId,
    orderNumber: order.number,
    locationCode: 'WH1',
    carrier: 'DHL',
    trackingNumber: `TRACK-${shipmentCount}`,
    shippedAt: new Date().toISOString(),
    lines: order.lines
      .map((l, i) => ({ orderLineId: l.lineId, sku: l.sku, quantity: quantities[i] ?? 0 }))
      .filter((l) => l.quantity > 0),
  };
}

/**
 * A request in Nest's NATS wire format with every context header, including the ones
 * TestRpcClient does not send (customer id, idempotency key).
 */
export async function requestAs<T>(
  nc: NatsConnection,
  subject: string,
  data: unknown,
  caller: Caller,
  idempotencyKey?: string,
): Promise<T> {
  const h = headers();
  h.set(ContextHeaders.requestId, randomUUID());
  h.set(ContextHeaders.actorId, caller.actorId);
  h.set(ContextHeaders.role, caller.role);
  if (caller.customerId) h.set(ContextHeaders.customerId, caller.customerId);
  if (idempotencyKey) h.set(ContextHeaders.idempotencyKey, idempotencyKey);
  const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), {
    timeout: 10_000,
    headers: h,
  });
  const reply = msg.json<{ err?: ErrorPayload; response?: T }>();
  if (reply.err) throw reply.err;
  return reply.response as T;
}
