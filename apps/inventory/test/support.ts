import { randomUUID } from 'node:crypto';
import {
  type ConsistencyReport,
  InventorySubjects,
  type OrderPlacedEvent,
  OrdersSubjects,
  type ReserveStockRequest,
} from '#contracts';
import { anOrderPlaced, eventually, publishEvent, startTestApp, type TestApp } from '#testing';
import { inventoryService } from '../src/app.module.js';

/** The inventory app in-process on a fresh database and a private nats-server. */
export type Inventory = TestApp;

export function startInventory(env: Record<string, string> = {}): Promise<Inventory> {
  return startTestApp(inventoryService, { EVENT_ACK_WAIT_MS: '2000', ...env });
}

export const reserve = (h: Inventory, request: ReserveStockRequest) =>
  h.rpc.request(InventorySubjects.reserve, request);

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
  const page = await h.rpc.request(InventorySubjects.listStock, { sku, limit: 100 });
  return page.items.map((l) => [l.locationCode, l.onHand, l.reserved]);
}

export async function consistency(h: Inventory, sku?: string): Promise<ConsistencyReport> {
  return h.rpc.request(InventorySubjects.checkConsistency, sku ? { sku } : {});
}

/** Orders reports an order placed, the way its outbox relay publishes it. */
export async function confirmOrder(
  h: Inventory,
  request: ReserveStockRequest,
  number: string,
  orderDate = new Date(),
  type: OrderPlacedEvent['type'] = 'ORDER',
): Promise<void> {
  const data = anOrderPlaced({
    orderId: request.orderId,
    number,
    type,
    orderDate,
    lines: request.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, unitPriceMinor: 100 })),
  });
  await publishEvent(h.js, OrdersSubjects.orderPlaced, data);
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
  return (await h.events<T>(subject)).map((e) => e.data);
}

/** Waits until inventory's durable consumer of `subject` has acknowledged everything on it. */
export function consumed(h: Inventory, subject: string): Promise<void> {
  return h.consumed('inventory', subject);
}
