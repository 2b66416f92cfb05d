import type { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import {
  type EventEnvelope,
  EventStreams,
  GatewaySubjects,
  type OrderPlacedEvent,
  OrdersSubjects,
  type VerifyApiKeyReply,
  type VerifyApiKeyRequest,
} from '#contracts';
import { OutboxRelay } from '#platform';
import {
  createTestDatabase,
  startInProcess,
  startTestNats,
  type TestDatabase,
  type TestNats,
  TestRpcClient,
} from '#testing';
import { warehouseService } from '../src/app.module.js';

/** The warehouse app in-process on a fresh database and a private nats-server. */
export interface Harness {
  db: TestDatabase;
  nats: TestNats;
  app: INestApplication;
  rpc: TestRpcClient;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
}

export async function startWarehouse(): Promise<Harness> {
  const [db, nats] = await Promise.all([createTestDatabase(), startTestNats()]);
  const app = await startInProcess(warehouseService, { DATABASE_URL: db.url, NATS_URL: nats.url });
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

export const DAY = 24 * 60 * 60 * 1000;

/** An order-placed event as the orders service would emit it; each allocation is [location, quantity]. */
export function anOrder(
  number: string,
  orderDate: Date,
  lines: Array<{ sku: string; allocations: Array<[string, number]> }>,
): OrderPlacedEvent {
  return {
    orderId: randomUUID(),
    number,
    customerId: randomUUID(),
    currency: 'EUR',
    orderDate: orderDate.toISOString(),
    lines: lines.map((line, i) => ({
      lineId: randomUUID(),
      lineNo: i + 1,
      sku: line.sku,
      quantity: line.allocations.reduce((sum, [, q]) => sum + q, 0),
      unitPriceMinor: 1000,
      allocations: line.allocations.map(([locationCode, quantity]) => ({ locationCode, quantity })),
    })),
  };
}

/** Publishes into JetStream exactly the way the orders service's outbox relay does. */
export async function publishOrderPlaced(
  h: Harness,
  order: OrderPlacedEvent,
  id = randomUUID(),
): Promise<EventEnvelope<OrderPlacedEvent>> {
  const envelope: EventEnvelope<OrderPlacedEvent> = {
    id,
    subject: OrdersSubjects.orderPlaced,
    occurredAt: new Date().toISOString(),
    data: order,
  };
  await h.js.publish(envelope.subject, JSON.stringify(envelope), { msgID: envelope.id });
  return envelope;
}

export interface DemandRow {
  order_line_id: string;
  sku: string;
  location_code: string;
  quantity: number;
  status: string;
}

export async function demandOf(h: Harness, orderId: string): Promise<DemandRow[]> {
  return h.db.query<DemandRow>(
    `SELECT order_line_id, sku, location_code, quantity, status FROM warehouse.pick_demand WHERE order_id = $1 ORDER BY location_code, sku`,
    [orderId],
  );
}

/** Every event the warehouse has published on `subject` so far (after flushing its outbox). */
export async function warehouseEvents<T>(h: Harness, subject: string): Promise<Array<EventEnvelope<T>>> {
  await h.app.get(OutboxRelay).flush();
  const stream = EventStreams.warehouse.name;
  const info = await h.jsm.streams.info(stream);
  const events: Array<EventEnvelope<T>> = [];
  for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
    const message = await h.jsm.streams.getMessage(stream, { seq });
    if (message?.subject === subject) events.push(message.json<EventEnvelope<T>>());
  }
  return events;
}

/**
 * Stands in for the gateway, which owns API keys and is not started in these tests: answers
 * `gateway.apikey.verify` in Nest's NATS wire format from a fixed table. Returns the keys
 * it was asked about, in order, so tests can see the warehouse's cache at work.
 */
export async function fakeGatewayApiKeys(h: Harness, keys: Record<string, VerifyApiKeyReply>): Promise<string[]> {
  const asked: string[] = [];
  h.rpc.nc.subscribe(GatewaySubjects.verifyApiKey, {
    callback: (_error, message) => {
      const { id, data } = message.json<{ id: string; data: VerifyApiKeyRequest }>();
      asked.push(data.apiKey);
      const key = keys[data.apiKey];
      const reply = key
        ? { id, response: key, isDisposed: true }
        : { id, err: { code: 'UNAUTHENTICATED', message: 'Unknown API key' }, isDisposed: true };
      message.respond(JSON.stringify(reply));
    },
  });
  await h.rpc.nc.flush();
  return asked;
}
