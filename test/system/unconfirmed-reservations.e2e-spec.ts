import { randomUUID } from 'node:crypto';
import { type ConsistencyReport, InventorySubjects, type OrderView, type Page, type StockLevelView } from '#contracts';
import { eventually, TestRpcClient, TestSystem } from '#testing';
import { Api } from './gateway-client.js';

/**
 * Orders reserves stock, then commits the order. A reservation whose order never committed
 * (orders died, or its commit failed, in between) is released within the stated bound, and
 * one whose `order placed` is merely late is kept.
 */
describe('reservations whose order never committed are released within a bound', () => {
  let system: TestSystem;
  let admin: Api;
  let rpc: TestRpcClient;

  beforeAll(async () => {
    system = await TestSystem.start({
      serviceEnv: {
        inventory: { RESERVATION_CONFIRM_AFTER_MS: '1500', RESERVATION_SWEEP_EVERY_MS: '250' },
        orders: { ORDERS_PLACEMENT_DEADLINE_MS: '1000' },
      },
    });
    admin = new Api(system.gatewayUrl, system.adminKey);
    rpc = await TestRpcClient.connect(system.nats.url);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'ORPH-1', name: 'Widget' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'ORPH-1', locationCode: 'WH1', quantity: 10 }).expect(201);
    await admin.post('/prices', { sku: 'ORPH-1', currency: 'EUR', unitPriceMinor: 100 }).expect(201);
  });

  afterAll(async () => {
    await rpc?.close();
    await system?.stop();
  });

  const reserved = async () =>
    ((await admin.get('/stock?sku=ORPH-1').expect(200)).body as Page<StockLevelView>).items[0].reserved;

  it('gives back the units of an order that was reserved for and never placed', async () => {
    // What orders does before it commits an order; here the order is never committed (as when
    // orders is killed between the two steps).
    const orderId = randomUUID();
    const started = Date.now();
    await rpc.request(InventorySubjects.reserve, {
      orderId,
      lines: [{ lineId: randomUUID(), sku: 'ORPH-1', quantity: 3 }],
    });
    expect(await reserved()).toBe(3);
    await eventually(async () => ((await reserved()) === 0 ? true : undefined), 15_000, 'the orphan released');
    // The bound is RESERVATION_CONFIRM_AFTER_MS plus one sweep interval.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    const waiting = await system.db.query(`SELECT 1 FROM inventory.reserve_lines WHERE order_id = $1`, [orderId]);
    expect(waiting).toHaveLength(0);
    const check: ConsistencyReport = (await admin.get('/stock/consistency').expect(200)).body;
    expect(check).toMatchObject({ consistent: true });
  });

  it("keeps a placed order's reservation when its `order placed` event is late, and confirms it", async () => {
    const customer = (await admin.post('/customers', { name: 'Late Event Ltd', currency: 'EUR' }).expect(201)).body;
    const order: OrderView = (
      await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'ORPH-1', quantity: 2 }] }).expect(201)
    ).body;
    await eventually(
      async () => {
        const [row] = await system.db.query<{ order_number: string | null }>(
          `SELECT order_number FROM inventory.reserve_lines WHERE order_id = $1`,
          [order.id],
        );
        return row?.order_number ? true : undefined;
      },
      15_000,
      'the order confirmed in inventory',
    );
    // As if `order placed` had not arrived yet, an hour after the reservation.
    await system.db.query(
      `UPDATE inventory.reserve_lines SET order_number = NULL, created_at = now() - interval '1 hour' WHERE order_id = $1`,
      [order.id],
    );
    await eventually(
      async () => {
        const [row] = await system.db.query<{ order_number: string | null }>(
          `SELECT order_number FROM inventory.reserve_lines WHERE order_id = $1`,
          [order.id],
        );
        return row?.order_number === order.number ? true : undefined;
      },
      15_000,
      'the sweep to confirm the order with orders',
    );
    expect(await reserved()).toBe(2);
    const view: OrderView = (await admin.get(`/orders/${order.id}`).expect(200)).body;
    expect(view.lines[0]).toMatchObject({ reservedQuantity: 2, lineStatus: 'ACTIVE' });
  });
});
