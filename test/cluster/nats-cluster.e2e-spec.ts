import type { JetStreamManager } from '@nats-io/jetstream';
import {
  EventStreams,
  type InvoicePostedEvent,
  type OrderView,
  type Page,
  type PickTicketView,
  type ShipmentView,
} from '#contracts';
import {
  Api,
  CarefulClient,
  settleAndShipAll,
  connectJetStream,
  eventually,
  isTestNatsCluster,
  readStream,
  type TestNatsCluster,
  TestSystem,
} from '#testing';

/**
 * The whole system on a three-server JetStream cluster with JETSTREAM_REPLICAS=3: every stream
 * and durable consumer has a copy on each server. Orders and shipments flow through the gateway
 * while the server leading the orders stream is SIGKILLed, stays down, and comes back. Clients
 * behave as careful clients do (a 5xx or a timeout is retried with the same Idempotency-Key; a
 * ticket is read back to learn whether a pick, pack or ship went through). Afterwards nothing is
 * lost and nothing doubled: every accepted order is there once, every shipment has one invoice,
 * invoice numbers have no gap, each invoice has one `invoice posted` event, and the system-wide
 * consistency check is clean.
 *
 * `CLUSTER_RUN_SECONDS` sets the length of each phase of the load (before, during and after the
 * server is down; default 10 s).
 */
const PHASE_SECONDS = Number(process.env.CLUSTER_RUN_SECONDS ?? 10);
const CLIENTS = 3;
const STREAMS = Object.values(EventStreams).map((s) => s.name);
/** The streams durable consumers read (nobody consumes pricing's events yet). */
const CONSUMED = ['ORDERS_EVENTS', 'WAREHOUSE_EVENTS', 'BILLING_EVENTS', 'INVENTORY_EVENTS'];

describe('NATS cluster: a server lost and back while orders and shipments flow', () => {
  let system: TestSystem;
  let cluster: TestNatsCluster;
  let api: Api;
  let customerId: string;
  const timeline: string[] = [];
  let careful: CarefulClient;
  let stopped = false;
  const running = (stopAt: () => number) => !stopped && Date.now() < stopAt();

  beforeAll(async () => {
    system = await TestSystem.start({
      nats: 'cluster',
      env: {
        JETSTREAM_REPLICAS: '3',
        ORDERS_DOWNSTREAM_TIMEOUT_MS: '5000',
        GATEWAY_COMMAND_TIMEOUT_MS: '10000',
        IDEMPOTENCY_LEASE_MS: '15000',
        RESERVATION_CONFIRM_AFTER_MS: '5000',
        RESERVATION_SWEEP_EVERY_MS: '1000',
        ORDERS_PLACEMENT_DEADLINE_MS: '4000',
      },
    });
    if (!isTestNatsCluster(system.nats)) throw new Error('TestSystem did not start a NATS cluster');
    cluster = system.nats;
    api = new Api(system.gatewayUrl, system.adminKey);
    careful = new CarefulClient(api);
    await api.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    for (const [sku, price] of [
      ['NODE-A', 1250],
      ['NODE-B', 399],
    ] as const) {
      await api.post('/items', { sku, name: sku }).expect(201);
      await api.post('/prices', { sku, currency: 'EUR', unitPriceMinor: price }).expect(201);
      await api.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 1_000_000 }).expect(201);
    }
    customerId = (await api.post('/customers', { name: 'Cluster Run Ltd', currency: 'EUR' }).expect(201)).body.id;
  });

  afterAll(async () => {
    process.stdout.write(
      `cluster run: ${JSON.stringify({ phaseSeconds: PHASE_SECONDS, orders: careful?.accepted.size, shipments: careful?.shipped.size, retries: careful?.retries, timeline })}\n`,
    );
    await system?.stop();
  });

  /** The servers holding a copy of a stream or consumer, once it has a leader. */
  const copies = (info: { cluster?: { leader?: string; replicas?: Array<{ name: string; current: boolean }> } }) =>
    info.cluster?.leader ? 1 + (info.cluster.replicas ?? []).filter((r) => r.current).length : 0;

  async function everyCopyCurrent(jsm: JetStreamManager): Promise<void> {
    for (const stream of STREAMS) {
      await eventually(
        async () => {
          const info = await jsm.streams.info(stream).catch(() => undefined);
          return info && info.config.num_replicas === 3 && copies(info) === 3 ? true : undefined;
        },
        { timeoutMs: 60_000, what: `three current copies of ${stream}` },
      );
    }
  }

  it('runs every stream and consumer on three servers', async () => {
    const { nc, jsm } = await connectJetStream(cluster.url);
    try {
      await everyCopyCurrent(jsm);
      const durables = (await Promise.all(STREAMS.map((s) => jsm.consumers.list(s).next()))).flat();
      expect(durables.length).toBeGreaterThan(10);
      expect(durables.filter((c) => copies(c) !== 3).map((c) => c.name)).toEqual([]);
    } finally {
      await nc.close();
    }
  });

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** A phase of load, then the server that leads the orders stream is killed, then started again. */
  async function loseAndRestoreAServer(end: { at: number }): Promise<void> {
    const mark = (what: string) => timeline.push(`${Math.round((Date.now() - started) / 1000)}s ${what}`);
    const started = Date.now();
    await pause(PHASE_SECONDS * 1000);
    const victim = await cluster.leaderOf(EventStreams.orders.name);
    const before = careful.accepted.size;
    mark(`SIGKILL ${cluster.nodes[victim].name} (leads ORDERS_EVENTS) after ${before} orders`);
    await cluster.killNode(victim, 'SIGKILL');
    await pause(PHASE_SECONDS * 1000);
    mark(`start ${cluster.nodes[victim].name}; ${careful.accepted.size - before} orders placed while it was down`);
    const during = careful.accepted.size - before;
    await cluster.startNode(victim);
    mark(`${cluster.nodes[victim].name} answers again`);
    end.at = Date.now() + PHASE_SECONDS * 1000;
    // Work went on without the server: at least one order was placed while it was down.
    if (during === 0 && !stopped) throw new Error('no order was placed while a NATS server was down');
  }

  it(
    'loses and duplicates nothing when a NATS server dies and comes back under load',
    async () => {
      // The load runs until a phase after the server is back (the fault loop sets the end).
      const end = { at: Number.POSITIVE_INFINITY };
      const stopAt = () => end.at;
      const loops = [
        ...Array.from({ length: CLIENTS }, (_, client) =>
          careful.placeOrders({
            prefix: 'cluster-run',
            client,
            customerId,
            skus: ['NODE-A', 'NODE-B'],
            running: () => running(stopAt),
          }),
        ),
        careful.shipWhile(() => running(stopAt)),
        loseAndRestoreAServer(end),
      ].map((loop) =>
        loop.catch((error: unknown) => {
          stopped = true;
          throw error;
        }),
      );
      const outcomes = await Promise.allSettled(loops);
      const failure = outcomes.find((o) => o.status === 'rejected');
      if (failure) throw (failure as PromiseRejectedResult).reason;

      // Drain: ship everything still open once every event went round.
      const { nc, jsm } = await connectJetStream(cluster.url);
      try {
        await settleAndShipAll({ db: system.db, jsm, client: careful, streams: CONSUMED });
        // The server that came back holds a current copy of every stream again.
        await everyCopyCurrent(jsm);
      } finally {
        await nc.close();
      }
      expect(careful.accepted.size).toBeGreaterThan(0);
      expect(careful.shipped.size).toBeGreaterThan(0);

      // Every accepted order is there once; there is no order the clients were not told about.
      const orders = await system.db.query<{ id: string }>(`SELECT id FROM orders.orders WHERE customer_id = $1`, [
        customerId,
      ]);
      expect(orders.length).toBe(careful.accepted.size);
      expect(new Set(orders.map((o) => o.id))).toEqual(new Set(careful.accepted.values()));
      expect(await system.db.query(`SELECT key FROM gateway.idempotency WHERE state = 'IN_PROGRESS'`)).toEqual([]);

      // Every shipment has exactly one invoice, and the invoice numbers have no gap.
      const shippedIds = (
        await system.db.query<{ id: string }>(`SELECT id FROM warehouse.shipments WHERE status = 'SHIPPED'`)
      ).map((s) => s.id);
      expect(shippedIds.length).toBeGreaterThanOrEqual(careful.shipped.size);
      const invoices = await system.db.query<{ id: string; number: string; shipment_id: string | null }>(
        `SELECT id, number, shipment_id FROM billing.invoices`,
      );
      expect(invoices.map((i) => i.shipment_id).sort()).toEqual([...shippedIds].sort());
      expect(invoices.map((i) => i.number).sort()).toEqual(
        Array.from({ length: invoices.length }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`),
      );

      // Each invoice is on the billing stream once: what finance systems read.
      const posted = await readStream<InvoicePostedEvent>(
        cluster.url,
        'BILLING_EVENTS',
        'events.billing.invoice.posted',
      );
      expect(posted.map((e) => e.data.invoiceId).sort()).toEqual(invoices.map((i) => i.id).sort());

      // The services agree with each other.
      const stock = await careful.until(() => api.get('/stock/consistency'), 'stock consistency');
      expect(stock.body).toMatchObject({ consistent: true });
      const whole = await careful.until(() => api.get('/admin/consistency'), 'system consistency');
      expect(whole.status).toBe(200);
      expect(whole.body).toMatchObject({ consistent: true });
    },
    (3 * PHASE_SECONDS + 240) * 1000,
  );
});
