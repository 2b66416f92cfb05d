import pg from 'pg';
import type { CustomerView, OrderView, Page } from '#contracts';
import { Api, eventually, TCP_PG, TcpProxy, TestSystem, waitFor } from '#testing';

/**
 * What a client sees when a part of the system is down for a moment: a 503 with Retry-After
 * (never a 500 "see the service log", never a long hang), and an Idempotency-Key that never
 * stays stuck, so a retry always ends with exactly one order.
 */
describe('outages: 503 with Retry-After, and idempotency keys that cannot get stuck', () => {
  let system: TestSystem;
  let admin: Api;
  let ordersDb: TcpProxy;
  let customer: CustomerView;

  beforeAll(async () => {
    ordersDb = await TcpProxy.start(TCP_PG);
    system = await TestSystem.start({
      env: { ORDERS_DOWNSTREAM_TIMEOUT_MS: '3000' },
      serviceEnv: ({ db }) => ({ orders: { DATABASE_URL: ordersDb.wrap(db.url) } }),
    });
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'OUT-1', name: 'Widget' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'OUT-1', locationCode: 'WH1', quantity: 100 }).expect(201);
    await admin.post('/prices', { sku: 'OUT-1', currency: 'EUR', unitPriceMinor: 500 }).expect(201);
    customer = (await admin.post('/customers', { name: 'Outage Ltd', currency: 'EUR' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
    await ordersDb?.down();
  });

  const order = () => ({ customerId: customer.id, lines: [{ sku: 'OUT-1', quantity: 1 }] });
  const ordersWithKey = async (key: string) =>
    system.db.query(`SELECT id FROM orders.orders WHERE idempotency_key LIKE '%' || $1`, [key]);

  it("answers 503 with Retry-After while orders' database is unreachable, then serves the retry once", async () => {
    await ordersDb.down();
    try {
      const placing = await admin.post('/orders', order(), { 'Idempotency-Key': 'outage-order-1' });
      expect(placing.status).toBe(503);
      expect(placing.headers['retry-after']).toMatch(/^\d+$/);
      expect(placing.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(placing.body.requestId).toEqual(expect.any(String));
      const listing = await admin.get('/orders');
      expect(listing.status).toBe(503);
      expect(listing.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      await ordersDb.up();
    }
    const retried = await admin.post('/orders', order(), { 'Idempotency-Key': 'outage-order-1' });
    expect(retried.status).toBe(201);
    expect(await ordersWithKey('outage-order-1')).toHaveLength(1);
  });

  it('lets a retry take over a key whose attempt never recorded its outcome, once its lease ran out', async () => {
    const placed: OrderView = (await admin.post('/orders', order(), { 'Idempotency-Key': 'lease-order-1' }).expect(201))
      .body;
    // As if the gateway lost its database (or died) after orders made the order but before the
    // outcome was written: the record is still IN_PROGRESS.
    const stuck = `UPDATE gateway.idempotency SET state = 'IN_PROGRESS', status_code = NULL, response = NULL,
                          lease_until = now() + make_interval(secs => $2) WHERE key = $1`;
    await system.db.query(stuck, ['lease-order-1', 20]);
    const early = await admin.post('/orders', order(), { 'Idempotency-Key': 'lease-order-1' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    await system.db.query(stuck, ['lease-order-1', -1]);
    const late = await admin.post('/orders', order(), { 'Idempotency-Key': 'lease-order-1' });
    expect(late.status).toBe(201);
    expect(late.body.id).toBe(placed.id);
    expect(await ordersWithKey('lease-order-1')).toHaveLength(1);
    const replay = await admin.post('/orders', order(), { 'Idempotency-Key': 'lease-order-1' }).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(placed.id);

    // A different body under the same key is still refused, lease or not.
    await system.db.query(stuck, ['lease-order-1', -1]);
    const other = await admin.post(
      '/orders',
      { ...order(), customerReference: 'other' },
      {
        'Idempotency-Key': 'lease-order-1',
      },
    );
    expect(other.status).toBe(422);
  });

  it('answers 503 at once, not after the command timeout, when a service is not running', async () => {
    await system.kill('pricing');
    try {
      const started = Date.now();
      const placing = await admin.post('/orders', order());
      expect(placing.status).toBe(503);
      expect(placing.headers['retry-after']).toMatch(/^\d+$/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await system.startService('pricing');
    }
    const page: Page<OrderView> = (await admin.get('/orders?customerId=' + customer.id).expect(200)).body;
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('answers 503 within seconds, not after the command timeout, when a service dies with the request in hand', async () => {
    // Hold the row orders numbers new orders from, so a placement waits inside orders.
    const blocker = new pg.Client({ connectionString: system.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT value FROM orders.counters WHERE name = 'order:ORDER' FOR UPDATE`);
    try {
      const started = Date.now();
      const placing = admin.post('/orders', order(), { 'Idempotency-Key': 'died-in-hand-1' }).then((r) => r);
      await waitFor(
        async () => {
          const [waiting] = await system.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%orders.counters%'`,
          );
          return waiting.n > 0;
        },
        { what: 'the placement to wait on the counter lock' },
      );
      const killedAt = Date.now();
      await system.kill('orders');
      const answer = await placing;
      expect(answer.status).toBe(503);
      expect(answer.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer.headers['retry-after']).toMatch(/^\d+$/);
      // The gateway's command timeout is 15 s; the caller notices the service is gone within about two presence checks.
      expect(Date.now() - killedAt).toBeLessThan(5000);
      expect(Date.now() - started).toBeLessThan(15000);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
      await system.startService('orders');
    }
    // The retry under the same key makes the order once (the killed attempt never committed).
    // Its key is still leased to the killed attempt (409 with Retry-After) until the lease ends.
    await eventually(
      async () => {
        const again = await admin.post('/orders', order(), { 'Idempotency-Key': 'died-in-hand-1' });
        if (again.status === 409) return undefined;
        expect(again.status).toBe(201);
        return again;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'the retry to be served once the lease ran out' },
    );
    expect(await ordersWithKey('died-in-hand-1')).toHaveLength(1);
  });
});
