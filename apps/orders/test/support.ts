import { InventorySubjects } from '#contracts';
import { RpcFixtures, startTestApp, type TestApp } from '#testing';
import { ordersService } from '../src/app.module.js';

/**
 * Orders in-process with the two services it calls while placing an order, pricing and
 * inventory, running for real beside it as processes from dist/ on the same fresh database
 * (each in its own schema) and private nats-server. Nothing is stubbed.
 */
export interface OrdersHarness extends TestApp {
  fx: RpcFixtures;
}

export async function startOrders(env: Record<string, string> = {}): Promise<OrdersHarness> {
  const h = await startTestApp(
    ordersService,
    { EVENT_ACK_WAIT_MS: '2000', RECURRING_RUN_EVERY_MS: '0', ...env },
    { peers: ['inventory', 'pricing'] },
  );
  return Object.assign(h, { fx: new RpcFixtures(h.rpc) });
}

/** [onHand, reserved] of `sku` at each location, as inventory reports it. */
export async function stockOf(h: TestApp, sku: string): Promise<Record<string, [number, number]>> {
  const page = await h.rpc.request(InventorySubjects.listStock, { sku, limit: 100 });
  return Object.fromEntries(page.items.map((l) => [l.locationCode, [l.onHand, l.reserved]]));
}

/** How many orders orders has stored. */
export async function orderCount(h: TestApp): Promise<number> {
  const [row] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders.orders`);
  return row.n;
}
