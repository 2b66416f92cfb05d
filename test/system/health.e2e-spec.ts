import type { CustomerView, OrderView } from '#contracts';
import { Api, eventually, SERVICE_NAMES, TestSystem } from '#testing';

interface HealthBody {
  status: string;
  info?: Record<string, Record<string, unknown>>;
  error?: Record<string, { status: string; message?: string }>;
}

async function health(url: string): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Liveness and readiness as an orchestrator uses them, and a graceful stop: a service told to stop
 * first says it is not ready, then finishes the request it has in hand, then exits 0.
 */
describe('health: liveness, readiness and a graceful stop', () => {
  let system: TestSystem;
  let admin: Api;

  beforeAll(async () => {
    system = await TestSystem.start({
      env: { ORDERS_DOWNSTREAM_TIMEOUT_MS: '20000', NATS_REQUEST_TIMEOUT_MS: '20000' },
      serviceEnv: { orders: { SHUTDOWN_DELAY_MS: '1500' } },
    });
    admin = new Api(system.gatewayUrl, system.adminKey);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('every service is live and ready, and readiness names what it checked', async () => {
    for (const name of SERVICE_NAMES) {
      const live = await health(`${system.url(name)}/health/live`);
      expect(live.status).toBe(200);
      expect(live.body.info?.process?.pid).toBe(system.process(name).pid);
      const ready = await health(`${system.url(name)}/health/ready`);
      expect(ready.status).toBe(200);
      expect(Object.keys(ready.body.info ?? {}).sort()).toEqual(
        ['consumers', 'database', 'lifecycle', 'migrations', 'nats', 'process'].sort(),
      );
      const consumers = ready.body.info!.consumers as { declared: number; attached: number };
      expect(consumers.attached).toBe(consumers.declared);
    }
    // The services that consume events say how many consumers they attached.
    const orders = await health(`${system.url('orders')}/health/ready`);
    expect((orders.body.info!.consumers as { declared: number }).declared).toBeGreaterThan(0);
    // The gateway lets anyone probe (no API key).
    await admin.as(undefined).get('/health/live').expect(200);
    await admin.as(undefined).get('/health/ready').expect(200);
  });

  it('is not ready while NATS is down, stays live, and is ready again when NATS is back', async () => {
    const restarted = system.nats.restart('SIGTERM', 5000);
    try {
      const ready = await eventually(
        async () => {
          const r = await health(`${system.url('billing')}/health/ready`);
          return r.status === 503 ? r : undefined;
        },
        5000,
        'billing not ready without NATS',
      );
      expect(ready.body.error?.nats).toMatchObject({ status: 'down', message: 'NATS connection is down' });
      expect(ready.body.info?.database?.status).toBe('up');
      expect((await health(`${system.url('billing')}/health/live`)).status).toBe(200);
    } finally {
      await restarted;
    }
    for (const name of SERVICE_NAMES) {
      await eventually(
        async () => ((await health(`${system.url(name)}/health/ready`)).status === 200 ? true : undefined),
        30_000,
        `${name} ready again`,
      );
    }
  });

  it('a stopping service drops readiness first, answers the request in hand, then exits 0', async () => {
    await admin.post('/locations', { code: 'HC1', name: 'Health check warehouse', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'HC-1', name: 'Probe' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'HC-1', locationCode: 'HC1', quantity: 5, reference: 'R' }).expect(201);
    await admin.post('/prices', { sku: 'HC-1', currency: 'EUR', unitPriceMinor: 500 }).expect(201);
    const customer: CustomerView = (await admin.post('/customers', { name: 'Probe Ltd', currency: 'EUR' }).expect(201))
      .body;

    // Inventory frozen: orders' placement waits on its reservation, in hand when orders is told to stop.
    const inventory = system.process('inventory');
    const orders = system.process('orders');
    const exited = new Promise<number | null>((resolve) => orders.once('exit', (code) => resolve(code)));
    inventory.kill('SIGSTOP');
    let placing: Promise<{ status: number; body: OrderView }>;
    try {
      placing = admin
        .post('/orders', { customerId: customer.id, lines: [{ sku: 'HC-1', quantity: 2 }] })
        .then((r) => ({ status: r.status, body: r.body as OrderView }));
      await sleep(700);
      orders.kill('SIGTERM');
      await sleep(300);

      // Within SHUTDOWN_DELAY_MS: still serving, not ready, live.
      const ready = await health(`${system.url('orders')}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.error?.lifecycle?.message).toMatch(/stopping/);
      expect((await health(`${system.url('orders')}/health/live`)).status).toBe(200);

      // Past the delay orders has stopped taking work but still waits for the placement in hand.
      await sleep(2500);
      expect(orders.exitCode).toBeNull();
    } finally {
      inventory.kill('SIGCONT');
    }
    const placed = await placing;
    // (on failure the whole answer shows: a 503 here is the request lost by the stop)
    expect(placed).toMatchObject({ status: 201, body: { status: 'OPEN', totalMinor: 1000 } });
    expect(placed.body.lines[0]).toMatchObject({ sku: 'HC-1', reservedQuantity: 2 });
    expect(await exited).toBe(0);
    expect(system.logTail('orders', 200)).toMatch(/SIGTERM: draining/);
    expect(system.logTail('orders', 200)).toMatch(/"msg":"stopped"/);

    // The order it answered for is there after a restart, once.
    await system.startService('orders');
    const found = (await admin.get(`/orders/${placed.body.id}`).expect(200)).body as OrderView;
    expect(found).toMatchObject({ id: placed.body.id, number: placed.body.number, status: 'OPEN' });
    const stock = (await admin.get('/stock?sku=HC-1').expect(200)).body as { items: Array<{ reserved: number }> };
    expect(stock.items[0].reserved).toBe(2);
  });
});
