import { spawnSync } from 'node:child_process';
import {
  BillingSubjects,
  type ConsistencyRule,
  type Disagreement,
  EventStreams,
  type InvoicePostedEvent,
  type InvoiceView,
  type OrderView,
  type Page,
  type PickTicketView,
  type SystemConsistencyReport,
} from '#contracts';
import {
  Api,
  connectJetStream,
  consumersCaughtUp,
  eventually,
  GatewayFixtures,
  publishEvent,
  readStream,
  TestSystem,
} from '#testing';

const SKU = 'CHK-1';
const PRICE = 1999;

/**
 * The system-wide consistency check against every service running for real: clean after
 * orders are shipped, invoiced and paid; then each rule is broken directly in a service's
 * database (or on the stream) and the check names that rule with the ids involved, both as
 * `GET /admin/consistency` and as `npm run check`.
 */
describe('the system-wide consistency check', () => {
  let system: TestSystem;
  let admin: Api;

  beforeAll(async () => {
    system = await TestSystem.start();
    admin = new Api(system.gatewayUrl, system.adminKey);
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** The route's report; a short settle window, so every disagreement is looked at twice. */
  const checkRoute = async (settleMs = 300): Promise<SystemConsistencyReport> =>
    (await admin.get(`/admin/consistency?settleMs=${settleMs}`).expect(200)).body as SystemConsistencyReport;

  /** `npm run check` against this system's NATS, reading two facts per page so that every service pages. */
  const checkCommand = (...flags: string[]) =>
    spawnSync(process.execPath, ['tools/check.mjs', '--settle-ms', '300', '--page-size', '2', ...flags], {
      env: { ...process.env, NATS_URL: system.nats.url, ...system.nats.env('ops') },
      encoding: 'utf8',
      timeout: 60_000,
    });

  const disagreements = (report: SystemConsistencyReport): Partial<Record<ConsistencyRule, Disagreement[]>> =>
    Object.fromEntries(report.rules.filter((r) => r.disagreements.length > 0).map((r) => [r.rule, r.disagreements]));

  it('agrees on shipped, invoiced, paid and open orders, and names each rule broken in the data', async () => {
    const fixtures = new GatewayFixtures(admin);
    await fixtures.location('WH1', { priority: 1 });
    await fixtures.stockedItem({ sku: SKU, priceMinor: PRICE, stock: { WH1: 100 } });
    const customer = await fixtures.customer();

    // A (paid), B and C (invoiced): placed, ticketed, picked, packed and shipped.
    const [a, b, c] = [
      await fixtures.order(customer.id, [{ sku: SKU, quantity: 1 }]),
      await fixtures.order(customer.id, [{ sku: SKU, quantity: 2 }]),
      await fixtures.order(customer.id, [{ sku: SKU, quantity: 3 }]),
    ];
    const tickets = await eventually(
      async () => {
        await admin.post('/pick-tickets/generate', { locationCode: 'WH1' }).expect(200);
        const page: Page<PickTicketView> = (await admin.get('/pick-tickets?limit=100').expect(200)).body;
        return page.items.length === 3 ? page.items : undefined;
      },
      { timeoutMs: 20_000, what: 'a pick ticket for each order' },
    );
    for (const ticket of tickets) {
      await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
      const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body as { id: string };
      await admin
        .post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: `TRK-${ticket.number}` })
        .expect(200);
    }
    const invoiceOf = async (order: OrderView): Promise<InvoiceView> =>
      eventually(
        async () => ((await admin.get(`/invoices?orderId=${order.id}`).expect(200)).body as Page<InvoiceView>).items[0],
        { timeoutMs: 20_000, what: `the invoice of ${order.number}` },
      );
    const [invoiceA, invoiceB, invoiceC] = [await invoiceOf(a), await invoiceOf(b), await invoiceOf(c)];
    await admin
      .post('/payments', { invoiceId: invoiceA.id, amountMinor: PRICE, currency: 'EUR', method: 'BANK_TRANSFER' })
      .expect(201);
    // D, E and F stay open: reserved, with pick demand that no run has ticketed.
    const [d, e, f] = [
      await fixtures.order(customer.id, [{ sku: SKU, quantity: 4 }]),
      await fixtures.order(customer.id, [{ sku: SKU, quantity: 5 }]),
      await fixtures.order(customer.id, [{ sku: SKU, quantity: 6 }]),
    ];
    await systemSettled(system);
    expect((await admin.get(`/orders/${a.id}`).expect(200)).body).toMatchObject({ status: 'PAID' });

    // Clean, by the route and by the command (which pages through every service two facts at a time).
    const clean = await checkRoute(0);
    expect(clean).toMatchObject({ consistent: true, settleMs: 0 });
    expect(Object.fromEntries(clean.rules.map((r) => [r.rule, r.checked]))).toEqual({
      'reservations-match-live-lines': 6,
      'reserved-lines-have-pick-demand': 3,
      'shipped-lines-have-shipments-and-invoices': 3,
      'invoice-totals-match-priced-lines': 3,
      'open-items-match-invoices': 3,
      'posted-invoices-have-one-event': 3,
    });
    const cleanRun = checkCommand();
    expect(cleanRun.stderr).toBe('');
    expect(cleanRun.status).toBe(0);
    expect(cleanRun.stdout).toContain('the services agree (6 rules)');
    for (const role of ['sales', 'finance']) {
      const other = await fixtures.apiKey(`${role}-desk`, role);
      await other.get('/admin/consistency').expect(403);
    }

    const line = (order: OrderView) => order.lines[0].id;

    // Rule 1: a reservation deleted, another's quantity changed (inventory).
    await system.db.query(`DELETE FROM inventory.reservations WHERE order_line_id = $1`, [line(d)]);
    await system.db.query(`UPDATE inventory.reservations SET quantity = 2 WHERE order_line_id = $1`, [line(e)]);
    let found = disagreements(await checkRoute());
    expect(Object.keys(found)).toEqual(['reservations-match-live-lines']);
    expectSame(found['reservations-match-live-lines'], [
      expect.objectContaining({ orderId: d.id, orderNumber: d.number, orderLineId: line(d), expected: 4, found: 0 }),
      expect.objectContaining({ orderId: e.id, orderNumber: e.number, orderLineId: line(e), expected: 5, found: 2 }),
    ]);

    // Rule 2: an open, reserved line's pick demand deleted (warehouse).
    await system.db.query(`DELETE FROM warehouse.pick_demand WHERE order_line_id = $1`, [line(f)]);
    found = disagreements(await checkRoute());
    expect(Object.keys(found)).toEqual(['reservations-match-live-lines', 'reserved-lines-have-pick-demand']);
    expect(found['reserved-lines-have-pick-demand']).toEqual([
      expect.objectContaining({ orderId: f.id, orderLineId: line(f), locationCode: 'WH1', found: 'none' }),
    ]);

    // Rules 3 and 4: B's invoice line deleted (billing): the shipped line is not invoiced, the total bills nothing.
    await system.db.query(`DELETE FROM billing.invoice_lines WHERE invoice_id = $1`, [invoiceB.id]);
    found = disagreements(await checkRoute());
    expect(found['shipped-lines-have-shipments-and-invoices']).toEqual([
      expect.objectContaining({
        about: 'invoiced quantity',
        orderId: b.id,
        orderLineId: line(b),
        expected: 2,
        found: 0,
      }),
    ]);
    expect(found['invoice-totals-match-priced-lines']).toEqual([
      expect.objectContaining({
        invoiceId: invoiceB.id,
        invoiceNumber: invoiceB.number,
        expected: 0,
        found: 2 * PRICE,
      }),
    ]);

    // Rules 4 and 5: C's invoice total altered: no longer its lines, and no longer its open item.
    await system.db.query(`UPDATE billing.invoices SET total_minor = total_minor + 1 WHERE id = $1`, [invoiceC.id]);
    // Rule 5: A's open item altered: paid in full, yet something shows open.
    await system.db.query(`UPDATE billing.ar_open_items SET open_minor = 100 WHERE invoice_id = $1`, [invoiceA.id]);
    found = disagreements(await checkRoute());
    expectSame(found['invoice-totals-match-priced-lines'], [
      expect.objectContaining({ invoiceId: invoiceB.id, expected: 0, found: 2 * PRICE }),
      expect.objectContaining({ invoiceId: invoiceC.id, expected: 3 * PRICE, found: 3 * PRICE + 1 }),
    ]);
    expectSame(found['open-items-match-invoices'], [
      expect.objectContaining({ invoiceId: invoiceA.id, expected: 0, found: 100 }),
      expect.objectContaining({ invoiceId: invoiceC.id, expected: 3 * PRICE + 1, found: 3 * PRICE }),
    ]);

    // Rule 6: A's `invoice posted` event published a second time under a new id (the stream keeps both).
    const [posted] = (
      await readStream<InvoicePostedEvent>(system.nats.url, EventStreams.billing.name, BillingSubjects.invoicePosted)
    ).filter((event) => event.data.invoiceId === invoiceA.id);
    const { nc, js } = await connectJetStream(system.nats.url);
    const again = await publishEvent(js, BillingSubjects.invoicePosted, posted.data).finally(() => nc.close());
    found = disagreements(await checkRoute());
    expect(found['posted-invoices-have-one-event']).toEqual([
      expect.objectContaining({ invoiceId: invoiceA.id, expected: 1, found: 2, eventIds: [posted.id, again.id] }),
    ]);
    expect(Object.keys(found).sort()).toEqual([
      'invoice-totals-match-priced-lines',
      'open-items-match-invoices',
      'posted-invoices-have-one-event',
      'reservations-match-live-lines',
      'reserved-lines-have-pick-demand',
      'shipped-lines-have-shipments-and-invoices',
    ]);

    // The command says the same and exits 1 (its readable report is the default; JSON on request).
    const broken = checkCommand('--json');
    expect(broken.status).toBe(1);
    const report = JSON.parse(broken.stdout) as SystemConsistencyReport;
    expect(report.consistent).toBe(false);
    expect(disagreements(report)).toEqual(found);
  });
});

/** The same disagreements, in whatever order the rule reports them. */
function expectSame(actual: Disagreement[] | undefined, expected: unknown[]): void {
  expect(actual).toHaveLength(expected.length);
  expect(actual).toEqual(expect.arrayContaining(expected));
}

/**
 * Waits until nothing is in flight: every service's outbox is published and every durable
 * consumer has acknowledged everything, with no outbox row written meanwhile (a consumer's
 * effect may publish an event of its own, which is then waited for in turn).
 */
async function systemSettled(system: TestSystem): Promise<void> {
  const unpublished = async () => {
    let n = 0;
    for (const schema of ['orders', 'inventory', 'warehouse', 'billing'])
      n += (
        await system.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`,
        )
      )[0].n;
    return n;
  };
  const { nc, jsm } = await connectJetStream(system.nats.url);
  try {
    await eventually(
      async () => {
        if ((await unpublished()) > 0) return undefined;
        for (const stream of [
          EventStreams.orders,
          EventStreams.inventory,
          EventStreams.warehouse,
          EventStreams.billing,
        ])
          await consumersCaughtUp(jsm, stream.name, { timeoutMs: 1000 });
        return (await unpublished()) === 0 ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'every outbox published and every consumer caught up' },
    );
  } finally {
    await nc.close();
  }
}
