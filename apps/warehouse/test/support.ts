import { createHash } from 'node:crypto';
import {
  type EventEnvelope,
  GatewaySubjects,
  type OrderPlacedEvent,
  OrdersSubjects,
  type VerifyApiKeyReply,
  type VerifyApiKeyRequest,
} from '#contracts';
import { anOrderPlaced, publishEvent, startTestApp, stubRequests, type TestApp } from '#testing';
import { warehouseService } from '../src/app.module.js';

/** The warehouse app in-process on a fresh database and a private nats-server. */
export type Harness = TestApp;

export function startWarehouse(): Promise<Harness> {
  return startTestApp(warehouseService);
}

export const DAY = 24 * 60 * 60 * 1000;

/** An order-placed event as the orders service would emit it; each allocation is [location, quantity]. */
export function anOrder(
  number: string,
  orderDate: Date,
  lines: Array<{ sku: string; allocations: Array<[string, number]> }>,
): OrderPlacedEvent {
  return anOrderPlaced({
    number,
    orderDate,
    lines: lines.map((line) => ({
      sku: line.sku,
      quantity: line.allocations.reduce((sum, [, q]) => sum + q, 0),
      unitPriceMinor: 1000,
      allocations: line.allocations.map(([locationCode, quantity]) => ({ locationCode, quantity })),
    })),
  });
}

/** Publishes into JetStream exactly the way the orders service's outbox relay does. */
export function publishOrderPlaced(
  h: Harness,
  order: OrderPlacedEvent,
  id?: string,
): Promise<EventEnvelope<OrderPlacedEvent>> {
  return publishEvent(h.js, OrdersSubjects.orderPlaced, order, { id });
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
export function warehouseEvents<T>(h: Harness, subject: string): Promise<Array<EventEnvelope<T>>> {
  return h.events<T>(subject);
}

/**
 * Stands in for the gateway, which owns API keys and is not started in these tests: answers
 * `gateway.apikey.verify` in Nest's NATS wire format from a fixed table, by the key's SHA-256
 * (the only thing the warehouse sends). Returns the keys it was asked about, in order, so tests
 * can see the warehouse's cache at work, and every raw request body it received.
 */
export async function fakeGatewayApiKeys(
  h: Harness,
  keys: Record<string, VerifyApiKeyReply>,
): Promise<{ asked: string[]; bodies: unknown[] }> {
  const asked: string[] = [];
  const bodies: unknown[] = [];
  const byHash = new Map(Object.keys(keys).map((key) => [createHash('sha256').update(key).digest('hex'), key]));
  await stubRequests<VerifyApiKeyRequest, VerifyApiKeyReply>(h.rpc.nc, GatewaySubjects.verifyApiKey, (data) => {
    bodies.push(data);
    const key = byHash.get(data.keyHash);
    asked.push(key ?? `unknown:${data.keyHash}`);
    return key ? { response: keys[key] } : { err: { code: 'UNAUTHENTICATED', message: 'Unknown API key' } };
  });
  return { asked, bodies };
}
