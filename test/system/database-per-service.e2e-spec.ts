import type {
  InvoiceView,
  OrderView,
  Page,
  PickTicketView,
  ShipmentView,
  StockLevelView,
  SystemConsistencyReport,
} from '#contracts';
import pg from 'pg';
import {
  Api,
  eventually,
  GatewayFixtures,
  type PostgresServer,
  SERVICE_NAMES,
  type ServiceName,
  startPostgresServer,
  TestSystem,
} from '#testing';

/** Orders and billing stay on the test Postgres (server A); the other four are moved to server B. */
const ON_A: readonly ServiceName[] = ['orders', 'billing'];
const ON_B: readonly ServiceName[] = ['inventory', 'warehouse', 'pricing', 'gateway'];

/**
 * Each service on the Postgres server its DATABASE_URL names: orders and billing on one server,
 * inventory, warehouse, pricing and the gateway on a second one. An order goes from entry to
 * payment through the gateway and the consistency check agrees; then each server holds the
 * schemas of its own services only. A service that read another's tables would have failed
 * here, as those tables are on the other server.
 */
describe('a database per service: two Postgres servers', () => {
  let serverB: PostgresServer | undefined;
  let poolB: pg.Pool | undefined;
  let system: TestSystem | undefined;
  let admin: Api;

  beforeAll(async () => {
    serverB = await startPostgresServer();
    const urlB = await serverB.createDatabase(`o2c_b_${process.pid}`);
    poolB = new pg.Pool({ connectionString: urlB, max: 2 });
    // An idle inspection connection told to go when server B shuts down (57P01) says nothing about
    // the system; anything else fails the test as before.
    poolB.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') throw error;
    });
    system = await TestSystem.start({
      env: { ORDERS_DOWNSTREAM_TIMEOUT_MS: '5000' },
      serviceEnv: Object.fromEntries(ON_B.map((name) => [name, { DATABASE_URL: urlB }])),
    });
    admin = new Api(system.gatewayUrl, system.adminKey);
  });

  afterAll(async () => {
    // Whatever failed: the services first (they hold connections to both), then server B.
    try {
      await system?.stop();
    } finally {
      await poolB?.end().catch(() => undefined);
      await serverB?.stop();
    }
  });

  it('places, ships, invoices and collects an order with the services split over two servers', async () => {
    const fixtures = new GatewayFixtures(admin);
    await fixtures.location('WH1', { priority: 1 });
    await fixtures.stockedItem({ sku: 'SPLIT-1', priceMinor: 1250, stock: { WH1: 10 } });
    const customer = await fixtures.customer({ currency: 'EUR' });

    const placed = (
      await admin
        .post(
          '/orders',
          { customerId: customer.id, lines: [{ sku: 'SPLIT-1', quantity: 4 }] },
          {
            'Idempotency-Key': 'split-order-1',
          },
        )
        .expect(201)
    ).body as OrderView;
    expect(placed).toMatchObject({ status: 'OPEN', totalMinor: 5000 });
    expect(placed.lines[0]).toMatchObject({ reservedQuantity: 4, unitPriceMinor: 1250 });

    const tickets = await eventually(
      async () => {
        const res = await admin.post('/pick-tickets/generate', { locationCode: 'WH1' }).expect(200);
        const generated = res.body as PickTicketView[];
        return generated.length > 0 ? generated : undefined;
      },
      { timeoutMs: 15_000, what: 'a pick ticket' },
    );
    expect(tickets).toEqual([expect.objectContaining({ orderId: placed.id, locationCode: 'WH1' })]);
    await admin.post(`/pick-tickets/${tickets[0].id}/picks`, {}).expect(200);
    const packed = (await admin.post(`/pick-tickets/${tickets[0].id}/pack`, {}).expect(201)).body as ShipmentView;
    const shipped = (
      await admin.post(`/shipments/${packed.id}/ship`, { carrier: 'DHL', trackingNumber: 'TRK-SPLIT-1' }).expect(200)
    ).body as ShipmentView;
    expect(shipped).toMatchObject({ status: 'SHIPPED' });

    const invoice = await eventually(
      async () => ((await admin.get(`/invoices?orderId=${placed.id}`).expect(200)).body as Page<InvoiceView>).items[0],
      { timeoutMs: 15_000, what: 'the invoice' },
    );
    expect(invoice).toMatchObject({ status: 'POSTED', totalMinor: 5000, openMinor: 5000, shipmentId: packed.id });
    const payment = await admin
      .post('/payments', { invoiceId: invoice.id, amountMinor: 5000, currency: 'EUR', method: 'BANK_TRANSFER' })
      .expect(201);
    expect(payment.body.invoice).toMatchObject({ status: 'PAID', openMinor: 0 });
    await eventually(
      async () => {
        const order = (await admin.get(`/orders/${placed.id}`).expect(200)).body as OrderView;
        return order.status === 'PAID' ? order : undefined;
      },
      { timeoutMs: 15_000, what: 'the order paid' },
    );
    await eventually(
      async () => {
        const stock = (await admin.get('/stock?sku=SPLIT-1').expect(200)).body as Page<StockLevelView>;
        return stock.items[0]?.onHand === 6 && stock.items[0].reserved === 0 ? true : undefined;
      },
      { timeoutMs: 15_000, what: 'the stock shipped out' },
    );

    // The check asks every service over NATS, wherever its database is.
    const report = await eventually(
      async () => {
        const r = (await admin.get('/admin/consistency?settleMs=300').expect(200)).body as SystemConsistencyReport;
        return r.consistent ? r : undefined;
      },
      { timeoutMs: 15_000, what: 'a consistent system' },
    );
    expect(Object.fromEntries(report.rules.map((r) => [r.rule, r.checked]))).toMatchObject({
      'shipped-lines-have-shipments-and-invoices': 1,
      'invoice-totals-match-priced-lines': 1,
      'open-items-match-invoices': 1,
      'posted-invoices-have-one-event': 1,
    });

    // Each server holds its own services' schemas, tables, migrations and rows, and no one else's.
    const queryA = <T>(sql: string, params: unknown[] = []) => system!.db.query<T>(sql, params);
    const queryB = async <T>(sql: string, params: unknown[] = []) =>
      (await poolB!.query<T & pg.QueryResultRow>(sql, params)).rows as T[];
    const servers = { A: { query: queryA, own: ON_A }, B: { query: queryB, own: ON_B } };
    for (const [server, { query, own }] of Object.entries(servers)) {
      const tables = await query<{ schema: string; n: number }>(
        `SELECT table_schema AS schema, count(*)::int AS n FROM information_schema.tables
          WHERE table_schema = ANY($1) GROUP BY table_schema`,
        [[...SERVICE_NAMES]],
      );
      const schemas = await query<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname`,
        [[...SERVICE_NAMES]],
      );
      expect({ server, schemas: schemas.map((s) => s.name) }).toEqual({ server, schemas: [...own].sort() });
      expect({
        server,
        withTables: tables
          .filter((t) => t.n > 0)
          .map((t) => t.schema)
          .sort(),
      }).toEqual({
        server,
        withTables: [...own].sort(),
      });
      for (const schema of own) {
        const [migrations] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".migrations`);
        expect({ server, schema, migrated: migrations.n > 0 }).toEqual({ server, schema, migrated: true });
      }
    }
    // And the order's rows are where their services wrote them.
    const count = async (query: typeof queryA, sql: string, params: unknown[]) =>
      (await query<{ n: number }>(sql, params))[0].n;
    expect(await count(queryA, `SELECT count(*)::int AS n FROM orders.orders WHERE id = $1`, [placed.id])).toBe(1);
    expect(await count(queryA, `SELECT count(*)::int AS n FROM billing.invoices WHERE id = $1`, [invoice.id])).toBe(1);
    expect(await count(queryB, `SELECT count(*)::int AS n FROM warehouse.shipments WHERE id = $1`, [packed.id])).toBe(
      1,
    );
    expect(await count(queryB, `SELECT count(*)::int AS n FROM inventory.items WHERE sku = $1`, ['SPLIT-1'])).toBe(1);
    expect(await count(queryB, `SELECT count(*)::int AS n FROM pricing.prices`, [])).toBeGreaterThan(0);
    expect(
      await count(queryB, `SELECT count(*)::int AS n FROM gateway.idempotency WHERE key = $1`, ['split-order-1']),
    ).toBe(1);
  });
});
