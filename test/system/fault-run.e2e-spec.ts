import type { InvoicePostedEvent, OrderView, Page, PickTicketView, ShipmentView } from '#contracts';
import {
  Api,
  CarefulClient,
  settleAndShipAll,
  connectJetStream,
  eventually,
  readStream,
  SERVICE_NAMES,
  TCP_PG,
  TcpProxy,
  TestSystem,
} from '#testing';

/**
 * The fault run: a steady load of orders and shipments through the gateway while orders is
 * SIGKILLed and restarted, NATS restarts and Postgres goes away for every service. Clients behave
 * as careful clients do (retry a 503/504 with the same Idempotency-Key; read a ticket back to learn
 * whether a pick, pack or ship went through). Afterwards: every accepted order is there once, no
 * order exists the clients were not told about, no idempotency key is stuck, no reservation is
 * left without its order, each shipment has one invoice and each invoice one `invoice posted`
 * event, and the consistency checks are clean.
 *
 * `FAULT_RUN_SECONDS` sets the length of the load (default 45 s; `npm run soak` runs it longer).
 */
const LOAD_SECONDS = Number(process.env.FAULT_RUN_SECONDS ?? 45);
const CLIENTS = 4;

describe('fault run: steady orders and shipments while services, NATS and Postgres fail', () => {
  let system: TestSystem;
  let pg: TcpProxy;
  let api: Api;
  let customerId: string;
  const faults: string[] = [];
  let careful: CarefulClient;
  let stopped = false;
  const running = (stopAt: number) => !stopped && Date.now() < stopAt;

  beforeAll(async () => {
    pg = await TcpProxy.start(TCP_PG);
    system = await TestSystem.start({
      env: {
        ORDERS_DOWNSTREAM_TIMEOUT_MS: '5000',
        GATEWAY_COMMAND_TIMEOUT_MS: '10000',
        IDEMPOTENCY_LEASE_MS: '15000',
        // A short orphan bound, so the run can wait it out: unconfirmed after 5 s, swept every second.
        RESERVATION_CONFIRM_AFTER_MS: '5000',
        RESERVATION_SWEEP_EVERY_MS: '1000',
        ORDERS_PLACEMENT_DEADLINE_MS: '4000',
      },
      serviceEnv: ({ db }) =>
        Object.fromEntries(SERVICE_NAMES.map((name) => [name, { DATABASE_URL: pg.wrap(db.url) }])),
    });
    api = new Api(system.gatewayUrl, system.adminKey);
    careful = new CarefulClient(api);
    await api.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    for (const [sku, price] of [
      ['RUN-A', 1250],
      ['RUN-B', 399],
    ] as const) {
      await api.post('/items', { sku, name: sku }).expect(201);
      await api.post('/prices', { sku, currency: 'EUR', unitPriceMinor: price }).expect(201);
      await api.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 1_000_000 }).expect(201);
    }
    customerId = (await api.post('/customers', { name: 'Fault Run Ltd', currency: 'EUR' }).expect(201)).body.id;
  });

  afterAll(async () => {
    process.stdout.write(
      `fault run: ${JSON.stringify({ seconds: LOAD_SECONDS, orders: careful?.accepted.size, shipments: careful?.shipped.size, faults, retries: careful?.retries })}\n`,
    );
    await system?.stop();
    await pg?.down();
  });

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function injectFaults(stopAt: number): Promise<void> {
    const schedule: Array<[string, () => Promise<void>]> = [
      [
        'kill orders',
        async () => {
          await system.kill('orders', 'SIGKILL');
          await system.startService('orders');
        },
      ],
      ['restart NATS', () => system.nats.restart()],
      [
        'cut Postgres for 3 s',
        async () => {
          await pg.down();
          await pause(3000);
          await pg.up();
        },
      ],
    ];
    for (let i = 0; running(stopAt - 5000); i++) {
      await pause(4000);
      const [name, fault] = schedule[i % schedule.length];
      faults.push(name);
      await fault();
    }
  }

  it(
    'loses and duplicates nothing, and the services agree afterwards',
    async () => {
      const stopAt = Date.now() + LOAD_SECONDS * 1000;
      // The first failure stops every loop (they check `stopped` through `running`), then fails the test.
      const loops = [
        ...Array.from({ length: CLIENTS }, (_, client) =>
          careful.placeOrders({
            prefix: 'fault-run',
            client,
            customerId,
            skus: ['RUN-A', 'RUN-B'],
            running: () => running(stopAt),
          }),
        ),
        careful.shipWhile(() => running(stopAt)),
        injectFaults(stopAt),
      ].map((loop) =>
        loop.catch((error: unknown) => {
          stopped = true;
          throw error;
        }),
      );
      const outcomes = await Promise.allSettled(loops);
      const failure = outcomes.find((o) => o.status === 'rejected');
      if (failure) throw (failure as PromiseRejectedResult).reason;
      expect(faults.length).toBeGreaterThanOrEqual(3);

      // Drain: ship everything still open once every event went round.
      const { nc, jsm } = await connectJetStream(system.nats.url);
      const streams = ['ORDERS_EVENTS', 'WAREHOUSE_EVENTS', 'BILLING_EVENTS', 'INVENTORY_EVENTS'];
      try {
        await settleAndShipAll({ db: system.db, jsm, client: careful, streams });
      } finally {
        await nc.close();
      }

      // Every accepted order is there once; there is no order the clients were not told about.
      const orders = await system.db.query<{ id: string; key: string | null }>(
        `SELECT id, idempotency_key AS key FROM orders.orders WHERE customer_id = $1`,
        [customerId],
      );
      expect(orders.length).toBe(careful.accepted.size);
      expect(new Set(orders.map((o) => o.id))).toEqual(new Set(careful.accepted.values()));

      // No idempotency key stays in progress.
      const stuck = await system.db.query(`SELECT key FROM gateway.idempotency WHERE state = 'IN_PROGRESS'`);
      expect(stuck).toEqual([]);

      // No reservation outlives its order (after the orphan bound: 5 s plus a sweep).
      await eventually(
        async () => {
          const orphans = await system.db.query(
            `SELECT r.order_id FROM inventory.reservations r WHERE NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id = r.order_id)`,
          );
          return orphans.length === 0 ? true : undefined;
        },
        { timeoutMs: 30_000, what: 'no reservation without its order' },
      );

      // Each shipment has one invoice, and each invoice one `invoice posted` event.
      const invoices = await system.db.query<{ id: string; shipment_id: string }>(
        `SELECT id, shipment_id FROM billing.invoices WHERE shipment_id IS NOT NULL`,
      );
      const shippedIds = await system.db.query<{ id: string }>(
        `SELECT id FROM warehouse.shipments WHERE status = 'SHIPPED'`,
      );
      const invoiced = new Set(invoices.map((i) => i.shipment_id));
      const unbilled = shippedIds.filter((s) => !invoiced.has(s.id)).map((s) => s.id);
      if (unbilled.length > 0) {
        // Say where each one stopped: the warehouse's and orders' outboxes (orders' `lines shipped` is
        // what billing invoices), billing's inbox and dead letters.
        const where = await system.db.query(
          `SELECT o.id AS event_id, o.subject, o.published_at, o.created_at,
                (SELECT count(*) FROM billing.inbox i WHERE i.event_id = o.id) AS in_billing_inbox,
                (SELECT string_agg(d.error, ' | ') FROM billing.dead_letters d WHERE d.event_id = o.id) AS billing_dead_letter
           FROM (SELECT id, subject, published_at, created_at, payload FROM warehouse.outbox
                 UNION ALL SELECT id, subject, published_at, created_at, payload FROM orders.outbox) o
          WHERE o.payload->>'shipmentId' = ANY($1::text[])`,
          [unbilled],
        );
        process.stdout.write(`unbilled shipments ${JSON.stringify(unbilled)}: ${JSON.stringify(where, null, 1)}\n`);
        process.stdout.write(system.logTail('billing', 80) + '\n');
      }
      expect(unbilled).toEqual([]);
      expect(invoices.map((i) => i.shipment_id).sort()).toEqual(shippedIds.map((s) => s.id).sort());
      expect(shippedIds.length).toBeGreaterThanOrEqual(careful.shipped.size);
      const posted = await readStream<InvoicePostedEvent>(
        system.nats.url,
        'BILLING_EVENTS',
        'events.billing.invoice.posted',
      );
      const allInvoices = await system.db.query<{ id: string }>(`SELECT id FROM billing.invoices`);
      expect(posted.map((e) => e.data.invoiceId).sort()).toEqual(allInvoices.map((i) => i.id).sort());

      // The consistency checks find nothing.
      const stock = await careful.until(() => api.get('/stock/consistency'), 'stock consistency');
      expect(stock.body).toMatchObject({ consistent: true });
      const whole = await careful.until(() => api.get('/admin/consistency'), 'system consistency');
      if (whole.status !== 404) expect(whole.body).toMatchObject({ consistent: true });
      // The load, then up to three minutes to drain and check (the soak's longer loads too).
    },
    (LOAD_SECONDS + 180) * 1000,
  );
});
