import type { AvailabilityView, InvoicePostedEvent, OrderView, Page, PickTicketView, ShipmentView } from '#contracts';
import {
  Api,
  eventually,
  parsePrometheusText,
  readStream,
  type ServiceInstance,
  type ServiceName,
  TestSystem,
} from '#testing';

/**
 * Two processes of every service, sharing their queue groups, durable consumers and database: a
 * client talks to either gateway. Every command is answered once (a retry of an order through
 * the other gateway gives the same order), every event's effect is applied once (one invoice per
 * shipment, gapless numbers, one `invoice posted` each), the recurring run that both orders
 * processes start every second makes each recurring order once, a back-order released by a
 * receipt is reserved once, and the services agree with each other. The work really is shared:
 * each replica served requests or handled events of its own (its /metrics says so).
 */
const REPLICAS = 2;
const ORDERS = 40;

describe('two replicas of every service', () => {
  let system: TestSystem;
  let gateways: Api[];
  let customerId: string;
  const via = (n: number) => gateways[n % gateways.length];

  beforeAll(async () => {
    system = await TestSystem.start({
      replicas: Object.fromEntries(
        (['gateway', 'orders', 'inventory', 'warehouse', 'billing', 'pricing'] as const).map((s) => [s, REPLICAS]),
      ),
      // Both orders processes look for due recurring orders every second.
      env: { RECURRING_RUN_EVERY_MS: '1000' },
    });
    gateways = system.instances('gateway').map((instance) => new Api(system.url(instance), system.adminKey));
    expect(gateways).toHaveLength(REPLICAS);
    const admin = gateways[0];
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    for (const [sku, price, stock] of [
      ['REP-A', 1250, 100_000],
      ['REP-B', 399, 100_000],
      ['REP-BO', 700, 4],
    ] as const) {
      await admin.post('/items', { sku, name: sku }).expect(201);
      await admin.post('/prices', { sku, currency: 'EUR', unitPriceMinor: price }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: stock }).expect(201);
    }
    customerId = (await admin.post('/customers', { name: 'Replica Run Ltd', currency: 'EUR' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers every command once, whichever gateway a client uses', async () => {
    const placed = new Map<string, string>();
    await Promise.all(
      Array.from({ length: 4 }, async (_, client) => {
        for (let n = client; n < ORDERS; n += 4) {
          const key = `replica-run-${n}`;
          const lines = [{ sku: n % 2 ? 'REP-A' : 'REP-B', quantity: 1 + (n % 3) }];
          const res = await via(n).post('/orders', { customerId, lines }, { 'Idempotency-Key': key });
          expect(res.status).toBe(201);
          placed.set(key, (res.body as OrderView).id);
        }
      }),
    );
    // A client that lost the answer retries through the other gateway: the same order.
    for (let n = 0; n < ORDERS; n += 5) {
      const key = `replica-run-${n}`;
      const again = await via(n + 1).post(
        '/orders',
        { customerId, lines: [{ sku: n % 2 ? 'REP-A' : 'REP-B', quantity: 1 + (n % 3) }] },
        { 'Idempotency-Key': key },
      );
      expect([200, 201]).toContain(again.status);
      expect((again.body as OrderView).id).toBe(placed.get(key));
    }
    const orders = await system.db.query<{ id: string }>(
      `SELECT id FROM orders.orders WHERE customer_id = $1 AND type = 'ORDER'`,
      [customerId],
    );
    expect(new Set(orders.map((o) => o.id))).toEqual(new Set(placed.values()));
  });

  it('applies every event once: one invoice per shipment, gapless numbers, one invoice posted each', async () => {
    const shipped = new Set<string>();
    await eventually(
      async () => {
        await via(shipped.size).post('/pick-tickets/generate', { locationCode: 'WH1' }).expect(200);
        const open: Page<PickTicketView> = (await via(1).get('/pick-tickets?limit=500&status=OPEN').expect(200)).body;
        for (const [i, ticket] of open.items.entries()) {
          await via(i).post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
          const shipment: ShipmentView = (
            await via(i + 1)
              .post(`/pick-tickets/${ticket.id}/pack`, {})
              .expect(201)
          ).body;
          await via(i)
            .post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: `1Z${shipment.id.slice(0, 8)}` })
            .expect(200);
          shipped.add(shipment.id);
        }
        return shipped.size >= ORDERS ? true : undefined;
      },
      { timeoutMs: 60_000, what: `${ORDERS} orders printed, picked, packed and shipped` },
    );
    expect(shipped.size).toBe(ORDERS);

    const invoices = await eventually(
      async () => {
        const rows = await system.db.query<{ id: string; number: string; shipment_id: string }>(
          `SELECT id, number, shipment_id FROM billing.invoices WHERE shipment_id IS NOT NULL`,
        );
        return rows.length >= ORDERS ? rows : undefined;
      },
      { timeoutMs: 30_000, what: 'an invoice for every shipment' },
    );
    expect(invoices.map((i) => i.shipment_id).sort()).toEqual([...shipped].sort());
    const numbers = (await system.db.query<{ number: string }>(`SELECT number FROM billing.invoices`)).map(
      (i) => i.number,
    );
    expect(numbers.sort()).toEqual(
      Array.from({ length: numbers.length }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`),
    );
    const posted = await eventually(
      async () => {
        const events = await readStream<InvoicePostedEvent>(
          system.nats.url,
          'BILLING_EVENTS',
          'events.billing.invoice.posted',
        );
        return events.length >= invoices.length ? events : undefined;
      },
      { timeoutMs: 20_000, what: 'every invoice posted on the stream' },
    );
    expect(posted.map((e) => e.data.invoiceId).sort()).toEqual(invoices.map((i) => i.id).sort());
    // Every order is shipped once: its line was not picked or shipped twice by two consumers.
    const lines = await system.db.query<{ shipped: number; quantity: number }>(
      `SELECT l.shipped_quantity AS shipped, l.quantity FROM orders.order_lines l
         JOIN orders.orders o ON o.id = l.order_id WHERE o.customer_id = $1 AND o.type = 'ORDER'`,
      [customerId],
    );
    expect(lines.filter((l) => Number(l.shipped) !== Number(l.quantity))).toEqual([]);
  });

  it('makes each recurring order once while both orders processes run the recurring job', async () => {
    const today = new Date();
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
    const template: OrderView = (
      await via(0)
        .post('/orders', {
          type: 'RECURRING',
          customerId,
          recurrence: { every: 'MONTH', startOn: start },
          lines: [{ sku: 'REP-B', quantity: 1 }],
        })
        .expect(201)
    ).body;
    const children = async () =>
      ((await via(1).get(`/orders/${template.id}`).expect(200)).body as OrderView).references.children ?? [];
    // The 1st of two months ago, of last month and of this one.
    await eventually(async () => ((await children()).length >= 3 ? true : undefined), {
      timeoutMs: 20_000,
      what: 'the recurring job to make the three due orders',
    });
    // Several more runs of both processes make nothing more.
    await new Promise((r) => setTimeout(r, 3500));
    expect(await children()).toHaveLength(3);
  });

  it('reserves a back-order released by a receipt once', async () => {
    const order: OrderView = (
      await via(0)
        .post(
          '/orders',
          { customerId, lines: [{ sku: 'REP-BO', quantity: 10 }] },
          { 'Idempotency-Key': 'replica-backorder-1' },
        )
        .expect(201)
    ).body;
    expect(order.lines[0]).toMatchObject({ reservedQuantity: 4, backorderedQuantity: 6 });
    await via(1).post('/stock/receipts', { sku: 'REP-BO', locationCode: 'WH1', quantity: 20 }).expect(201);
    const line = await eventually(
      async () => {
        const now: OrderView = (await via(1).get(`/orders/${order.id}`).expect(200)).body;
        return now.lines[0].reservedQuantity === 10 ? now.lines[0] : undefined;
      },
      { timeoutMs: 20_000, what: 'the back-ordered 6 to be reserved' },
    );
    expect(line).toMatchObject({ reservedQuantity: 10, backorderedQuantity: 0 });
    // 4 + 20 received, the 10 of the order reserved once, nothing waiting.
    const stock = (await via(0).get('/stock/availability/REP-BO').expect(200)).body as AvailabilityView;
    expect(stock).toMatchObject({ onHand: 24, reserved: 10, available: 14, backordered: 0 });
  });

  it('agrees with itself, and every replica did work of its own', async () => {
    await eventually(
      async () => {
        const whole = await via(0).get('/admin/consistency');
        return whole.status === 200 && (whole.body as { consistent: boolean }).consistent ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'the system-wide consistency check to be clean' },
    );
    expect((await via(1).get('/stock/consistency').expect(200)).body).toMatchObject({ consistent: true });

    // Work each process did, from its own /metrics: HTTP requests for the gateways; NATS requests
    // answered and events handled for the rest (billing's work is mostly events: its few NATS
    // requests can all go to one replica).
    const served = async (instance: ServiceInstance, service: ServiceName) => {
      const { samples } = parsePrometheusText(await (await fetch(`${system.url(instance)}/metrics`)).text());
      const families =
        service === 'gateway' ? ['http_requests_total'] : ['o2c_nats_requests_total', 'o2c_events_handled_total'];
      // Not the health checks the test harness makes of each process.
      const work = samples.filter(
        (s) => families.includes(s.name) && !/^\/(health|metrics)/.test(s.labels.route ?? ''),
      );
      return work.reduce((sum, s) => sum + s.value, 0);
    };
    const work: Record<string, number> = {};
    for (const service of ['gateway', 'orders', 'inventory', 'warehouse', 'billing', 'pricing'] as const) {
      for (const instance of system.instances(service)) work[instance] = await served(instance, service);
    }
    process.stdout.write(`replica work: ${JSON.stringify(work)}\n`);
    expect(Object.keys(work)).toHaveLength(12);
    expect(Object.entries(work).filter(([, done]) => done === 0)).toEqual([]);
  });
});
