import type { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import {
  type ConsistencyReport,
  type EventEnvelope,
  EventStreams,
  InventorySubjects,
  type OrderPlacedEvent,
  OrdersSubjects,
  type Page,
  type ReserveStockReply,
  type ReserveStockRequest,
  type StockLevelView,
} from '#contracts';
import { OutboxRelay } from '#platform';
import {
  createTestDatabase,
  eventually,
  startInProcess,
  startTestNats,
  type TestDatabase,
  type TestNats,
  TestRpcClient,
} from '#testing';
import { inventoryService } from '../src/app.module.js';

/** The inventory app in-process on a fresh database and a private nats-server. */
export interface Inventory {
  db: TestDatabase;
  nats: TestNats;
  app: INestApplication;
  rpc: TestRpcClient;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
}

export async function startInventory(env: Record<string, string> = {}): Promise<Inventory> {
  const [db, nats] = await Promise.all([createTestDatabase(), startTestNats()]);
  const app = await startInProcess(inventoryService, {
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    EVENT_ACK_WAIT_MS: '2000',
    ...env,
  });
  const rpc = await TestRpcClient.connect(nats.url);
  return {
    db,
    nats,
    app,
    rpc,
    js: jetstream(rpc.nc),
    jsm: await jetstreamManager(rpc.nc),
    close: async () => {
      await rpc.close();
      await app.close();
      await nats.stop();
      await db.drop();
    },
  };
}

export const reserve = (h: Inventory, request: ReserveStockRequest) =>
  h.rpc.request<ReserveStockReply>(InventorySubjects.reserve, request);

/** An order of `lines` ([sku, quantity] or with a location) under fresh ids. */
export function anOrder(
  lines: Array<[string, number] | [string, number, string]>,
  extra: Partial<ReserveStockRequest> = {},
): ReserveStockRequest {
  return {
    orderId: randomUUID(),
    lines: lines.map(([sku, quantity, locationCode]) => ({
      lineId: randomUUID(),
      sku,
      quantity,
      ...(locationCode ? { locationCode } : {}),
    })),
    ...extra,
  };
}

/** [locationCode, onHand, reserved] of every stock row of a SKU, in sourcing order. */
export async function levels(h: Inventory, sku: string): Promise<Array<[string, number, number]>> {
  const page = await h.rpc.request<Page<StockLevelView>>(InventorySubjects.listStock, { sku, limit: 100 });
  return page.items.map((l) => [l.locationCode, l.onHand, l.reserved]);
}

export async function consistency(h: Inventory, sku?: string): Promise<ConsistencyReport> {
  return h.rpc.request<ConsistencyReport>(InventorySubjects.checkConsistency, sku ? { sku } : {});
}

/** Orders reports an order placed, the way its outbox relay publishes it. */
export async function confirmOrder(
  h: Inventory,
  request: ReserveStockRequest,
  number: string,
  orderDate = new Date(),
  type: OrderPlacedEvent['type'] = 'ORDER',
): Promise<void> {
  const data: OrderPlacedEvent = {
    orderId: request.orderId,
    number,
    type,
    customerId: randomUUID(),
    currency: 'EUR',
    orderDate: orderDate.toISOString(),
    lines: request.lines.map((l, i) => ({
      lineId: l.lineId,
      lineNo: i + 1,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceMinor: 100,
      allocations: [],
    })),
  };
  const envelope: EventEnvelope<OrderPlacedEvent> = {
    id: randomUUID(),
    subject: OrdersSubjects.orderPlaced,
    occurredAt: new Date().toISOString(),
    data,
  };
  await h.js.publish(envelope.subject, JSON.stringify(envelope), { msgID: envelope.id });
  await eventually(
    async () => {
      const [row] = await h.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inventory.reserve_lines WHERE order_id = $1 AND order_number IS NULL`,
        [request.orderId],
      );
      return row.n === 0 ? true : undefined;
    },
    10_000,
    `inventory to see ${number} placed`,
  );
}

/** Every event inventory has published on `subject` so far (after flushing its outbox). */
export async function inventoryEvents<T>(h: Inventory, subject: string): Promise<T[]> {
  await h.app.get(OutboxRelay).flush();
  const stream = EventStreams.inventory.name;
  const info = await h.jsm.streams.info(stream);
  const events: T[] = [];
  for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
    const message = await h.jsm.streams.getMessage(stream, { seq });
    if (message?.subject === subject) events.push(message.json<EventEnvelope<T>>().data);
  }
  return events;
}

/** Waits until inventory's durable consumer of `subject` has acknowledged everything on it. */
export async function consumed(h: Inventory, subject: string): Promise<void> {
  const stream = Object.values(EventStreams).find((s) => subject.startsWith(s.subjects[0].slice(0, -1)))!.name;
  const durable = `inventory-${subject.replace(/[.>*]/g, '_')}`;
  await eventually(
    async () => {
      const info = await h.jsm.consumers.info(stream, durable);
      return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
    },
    10_000,
    `inventory to consume ${subject}`,
  );
}
