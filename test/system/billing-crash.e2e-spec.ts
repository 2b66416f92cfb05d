import {
  EventStreams,
  type CustomerView,
  type InvoicePostedEvent,
  type InvoiceView,
  type OrderView,
  type Page,
  type PickTicketView,
  type ShipmentView,
} from '#contracts';
import { Api, connectJetStream, consumersCaughtUp, eventually, readStream, TestSystem } from '#testing';

const ORDERS = 8;

/**
 * Billing is killed (SIGKILL: no shutdown hooks) while shipments are being confirmed and
 * started again: every shipment still gets exactly one invoice, numbers stay gapless, and
 * each invoice has exactly one `invoice posted` event on the stream.
 */
describe('billing killed while shipments are confirmed', () => {
  let system: TestSystem;
  let api: Api;

  beforeAll(async () => {
    system = await TestSystem.start();
    api = new Api(system.gatewayUrl, system.adminKey);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('still yields one invoice per shipment and one event per invoice', async () => {
    await api.post('/locations', { code: 'WH1', name: 'Main' }).expect(201);
    await api.post('/items', { sku: 'CRASH-1', name: 'Crash test item' }).expect(201);
    await api.post('/stock/receipts', { sku: 'CRASH-1', locationCode: 'WH1', quantity: 100 }).expect(201);
    await api.post('/prices', { sku: 'CRASH-1', currency: 'EUR', unitPriceMinor: 250 }).expect(201);
    const customer: CustomerView = (await api.post('/customers', { name: 'Crash Co' }).expect(201)).body;
    const orders: OrderView[] = [];
    for (let i = 1; i <= ORDERS; i++) {
      orders.push(
        (await api.post('/orders', { customerId: customer.id, lines: [{ sku: 'CRASH-1', quantity: i }] }).expect(201))
          .body,
      );
    }
    const tickets = await eventually(
      async () => {
        const res = await api.get(`/pick-tickets?limit=100`).expect(200);
        const generated: PickTicketView[] = (await api.post('/pick-tickets/generate', {}).expect(200)).body;
        const all = [...(res.body as Page<PickTicketView>).items, ...generated];
        return all.length === ORDERS ? all : undefined;
      },
      20_000,
      'all pick tickets',
    );
    const shipments: ShipmentView[] = [];
    for (const ticket of tickets) {
      await api.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
      shipments.push((await api.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body);
    }

    // Confirm shipments while billing is killed part-way through, then bring it back.
    for (const [index, shipment] of shipments.entries()) {
      if (index === 3) await system.kill('billing', 'SIGKILL');
      await api.post(`/shipments/${shipment.id}/ship`, { carrier: 'UPS', trackingNumber: `TRK-${index}` }).expect(200);
    }
    await system.startService('billing');

    const invoices = await eventually(
      async () => {
        const page: Page<InvoiceView> = (await api.get('/invoices?limit=100').expect(200)).body;
        return page.total >= ORDERS ? page.items : undefined;
      },
      30_000,
      'every invoice',
    );
    expect(invoices).toHaveLength(ORDERS);
    expect(new Set(invoices.map((i) => i.shipmentId))).toEqual(new Set(shipments.map((s) => s.id)));
    expect(invoices.map((i) => i.number).sort()).toEqual(
      Array.from({ length: ORDERS }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`),
    );
    const byOrder = new Map(orders.map((o) => [o.id, o]));
    for (const invoice of invoices) expect(invoice.totalMinor).toBe(byOrder.get(invoice.orderId)!.totalMinor);

    // Wait until billing has acknowledged every event it consumes (a shipment the killed process
    // took but never acked has been redelivered and settled) and has published everything in its
    // outbox: only then can no further invoice or event still be on its way. Billing consumes
    // orders' events only: shipments reach it as orders' `lines shipped`.
    const { nc, jsm } = await connectJetStream(system.nats.url);
    try {
      await consumersCaughtUp(jsm, EventStreams.orders.name, { prefix: 'billing-' });
    } finally {
      await nc.close();
    }
    await eventually(
      async () => {
        const [row] = await system.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM billing.outbox WHERE published_at IS NULL`,
        );
        return row.n === 0 ? true : undefined;
      },
      20_000,
      "billing's outbox to be published",
    );
    const events = await readStream<InvoicePostedEvent>(
      system.nats.url,
      'BILLING_EVENTS',
      'events.billing.invoice.posted',
    );
    expect(events).toHaveLength(ORDERS);
    expect(new Set(events.map((e) => e.data.invoiceId))).toEqual(new Set(invoices.map((i) => i.id)));
    const page: Page<InvoiceView> = (await api.get('/invoices?limit=100').expect(200)).body;
    expect(page.total).toBe(ORDERS);
  });
});
