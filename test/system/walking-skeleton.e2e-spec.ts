import { spawnSync } from 'node:child_process';
import type {
  CustomerView,
  InvoicePostedEvent,
  InvoiceView,
  OrderView,
  Page,
  PickTicketView,
  ShipmentView,
  StockLevelView,
} from '#contracts';
import { Api, eventually, readStream, TestSystem, testNatsOptions } from '#testing';

/**
 * One order carried from entry to payment through the gateway, with every service running
 * as its own process on the real Postgres and a real nats-server.
 */
describe('order to cash, end to end through the gateway', () => {
  let system: TestSystem;
  let admin: Api;
  const keys: Record<string, Api> = {};

  beforeAll(async () => {
    system = await TestSystem.start({ env: { ORDERS_DOWNSTREAM_TIMEOUT_MS: '1500' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    for (const role of ['sales', 'warehouse', 'finance']) {
      const created = await admin.post('/api-keys', { name: `${role}-desk`, role }).expect(201);
      expect(created.body.key).toMatch(/^o2c_/);
      keys[role] = admin.as(created.body.key);
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('places, picks, packs, ships, invoices and collects one order', async () => {
    // 1. Master data: an item with stock at a warehouse location, a price, a customer.
    await admin.post('/locations', { code: 'WH1', name: 'Main warehouse', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'V123', name: 'Blue widget' }).expect(201);
    await keys.warehouse
      .post('/stock/receipts', { sku: 'V123', locationCode: 'WH1', quantity: 10, reference: 'PO-1' })
      .expect(201);
    await admin.post('/prices', { sku: 'V123', currency: 'EUR', unitPriceMinor: 1999 }).expect(201);
    const customer: CustomerView = (
      await keys.sales.post('/customers', { name: 'Acme Retail', currency: 'EUR' }).expect(201)
    ).body;

    // 2. Place the order (retried with the same Idempotency-Key: still one order).
    const body = { customerId: customer.id, customerReference: 'PO-7781', lines: [{ sku: 'V123', quantity: 3 }] };
    const placed: OrderView = (
      await keys.sales.post('/orders', body, { 'Idempotency-Key': 'skeleton-order-1' }).expect(201)
    ).body;
    const replay = await keys.sales.post('/orders', body, { 'Idempotency-Key': 'skeleton-order-1' }).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(placed.id);
    expect(placed).toMatchObject({ number: 'SO-000001', status: 'OPEN', totalMinor: 5997, currency: 'EUR' });
    expect(placed.lines).toEqual([
      expect.objectContaining({
        sku: 'V123',
        quantity: 3,
        unitPriceMinor: 1999,
        lineStatus: 'ACTIVE',
        fulfillStatus: 'NOT_FULFILLED',
        reservedQuantity: 3,
      }),
    ]);
    const stockAfterOrder: Page<StockLevelView> = (await admin.get('/stock?sku=V123').expect(200)).body;
    expect(stockAfterOrder.items[0]).toMatchObject({ onHand: 10, reserved: 3, available: 7 });

    // 3. The warehouse gets pick demand from the order's event and prints a pick ticket.
    const tickets = await eventually(
      async () => {
        const res = await keys.warehouse.post('/pick-tickets/generate', { locationCode: 'WH1' }).expect(200);
        return (res.body as PickTicketView[]).length > 0 ? (res.body as PickTicketView[]) : undefined;
      },
      15_000,
      'a pick ticket',
    );
    expect(tickets).toHaveLength(1);
    const ticket = tickets[0];
    expect(ticket).toMatchObject({ orderId: placed.id, locationCode: 'WH1', pickingCycle: 1, status: 'OPEN' });
    await eventually(
      async () => {
        const order: OrderView = (await admin.get(`/orders/${placed.id}`).expect(200)).body;
        return order.lines[0].fulfillStatus === 'PACKING_SLIP_PRINTED' ? order : undefined;
      },
      15_000,
      'packing slip printed',
    );

    await keys.warehouse.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment: ShipmentView = (
      await keys.warehouse
        .post(`/pick-tickets/${ticket.id}/pack`, {
          containers: [{ code: 'BOX-1', lines: [{ orderLineId: placed.lines[0].id, quantity: 3 }] }],
        })
        .expect(201)
    ).body;
    const shipped: ShipmentView = (
      await keys.warehouse
        .post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: '1Z999AA10123456784' })
        .expect(200)
    ).body;
    expect(shipped).toMatchObject({ status: 'SHIPPED', trackingNumber: '1Z999AA10123456784' });

    // 4. The shipment's event takes stock out, marks the line shipped, and billing posts an invoice.
    await eventually(
      async () => {
        const stock: Page<StockLevelView> = (await admin.get('/stock?sku=V123').expect(200)).body;
        return stock.items[0].onHand === 7 ? stock : undefined;
      },
      15_000,
      'stock shipped out',
    );
    const stock: Page<StockLevelView> = (await admin.get('/stock?sku=V123').expect(200)).body;
    expect(stock.items[0]).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    const invoice: InvoiceView = await eventually(
      async () => {
        const list: Page<InvoiceView> = (await keys.finance.get(`/invoices?orderId=${placed.id}`).expect(200)).body;
        return list.items[0];
      },
      15_000,
      'the invoice',
    );
    expect(invoice).toMatchObject({
      number: 'INV-000001',
      series: 'INV',
      totalMinor: 5997,
      openMinor: 5997,
      status: 'POSTED',
      shipmentId: shipment.id,
    });
    const invoicedOrder = await eventually(
      async () => {
        const order: OrderView = (await admin.get(`/orders/${placed.id}`).expect(200)).body;
        return order.status === 'INVOICED' ? order : undefined;
      },
      15_000,
      'order invoiced',
    );
    expect(invoicedOrder.lines[0]).toMatchObject({
      lineStatus: 'ACTIVE',
      fulfillStatus: 'SHIPPED',
      shippedQuantity: 3,
      invoicedQuantity: 3,
      // The shipment consumed the reservation: nothing is held for the line any more.
      reservedQuantity: 0,
    });

    // 5. `invoice posted` is on JetStream, and the example subscriber reads it from where it left off.
    const posted = await readStream<InvoicePostedEvent>(
      system.nats.url,
      'BILLING_EVENTS',
      'events.billing.invoice.posted',
    );
    expect(posted.map((e) => e.data.number)).toEqual(['INV-000001']);
    const subscriber = () =>
      // As a finance system runs it: its own `finance` identity, one of the durable names it may use.
      spawnSync(process.execPath, ['tools/invoice-subscriber.mjs', '--once', '--json', '--durable', 'erp'], {
        env: { ...process.env, NATS_URL: system.nats.url, ...system.nats.env('finance') },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const first = subscriber();
    expect(first.status).toBe(0);
    const read = first.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { data: InvoicePostedEvent });
    expect(read.map((e) => [e.data.number, e.data.totalMinor, e.data.orderNumber])).toEqual([
      ['INV-000001', 5997, 'SO-000001'],
    ]);
    const again = subscriber();
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe('');

    // 6. A payment for the full amount marks the invoice paid, and the order follows.
    await keys.warehouse
      .post('/payments', { invoiceId: invoice.id, amountMinor: 5997, currency: 'EUR', method: 'BANK_TRANSFER' })
      .expect(403);
    const payment = await keys.finance
      .post('/payments', {
        invoiceId: invoice.id,
        amountMinor: 5997,
        currency: 'EUR',
        method: 'BANK_TRANSFER',
        reference: 'BANK-42',
      })
      .expect(201);
    expect(payment.body.invoice).toMatchObject({ status: 'PAID', paidMinor: 5997, openMinor: 0 });
    const paidOrder = await eventually(
      async () => {
        const order: OrderView = (await admin.get(`/orders/${placed.id}`).expect(200)).body;
        return order.status === 'PAID' ? order : undefined;
      },
      15_000,
      'order paid',
    );
    expect(paidOrder).toMatchObject({ paidMinor: 5997, invoicedMinor: 5997 });
  });

  it('answers 401 without a key, 403 for a role that may not, and problem+json naming bad fields', async () => {
    const anonymous = await admin.as(undefined).get('/orders').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await admin.as('o2c_not-a-real-key').get('/orders').expect(401);
    const forbidden = await keys.sales.post('/prices', { sku: 'V123', currency: 'EUR', unitPriceMinor: 1 }).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN' });
    const invalid = await keys.sales
      .post('/orders', { customerId: 'nope', lines: [{ sku: 'V123', quantity: 0 }] })
      .expect(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'customerId', problems: ['customerId must be a UUID'] },
        { field: 'lines[0].quantity', problems: ['quantity must not be less than 1'] },
      ]),
    );
    const unknownItem = await admin.get('/items/NOPE').expect(404);
    expect(unknownItem.body).toMatchObject({ code: 'ITEM_NOT_FOUND' });
    await admin.get('/health').expect(200);
    await admin.as(undefined).get('/docs-json').expect(200);
  });

  it('gives 503 when a service is down and 504 when it does not answer in time', async () => {
    const customer: CustomerView = (await admin.post('/customers', { name: 'Late Ltd' }).expect(201)).body;
    await system.kill('pricing');
    const down = await admin
      .post('/orders', { customerId: customer.id, lines: [{ sku: 'V123', quantity: 1 }] })
      .expect(503);
    expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(down.body.detail).toMatch(/pricing/);
    // A pricing that is running (it answers presence) and takes the request but never answers it.
    const { connect } = await import('@nats-io/transport-node');
    const nc = await connect(testNatsOptions(system.nats.url));
    nc.subscribe('pricing.order.price', { queue: 'pricing', callback: () => undefined });
    nc.subscribe('presence.pricing', { callback: (_error, msg) => void msg.respond() });
    await nc.flush();
    const slow = await admin
      .post('/orders', { customerId: customer.id, lines: [{ sku: 'V123', quantity: 1 }] })
      .expect(504);
    expect(slow.body).toMatchObject({ code: 'SERVICE_TIMEOUT' });
    await nc.close();
    // Nothing was reserved by the failed attempts.
    const stock: Page<StockLevelView> = (await admin.get('/stock?sku=V123').expect(200)).body;
    expect(stock.items[0]).toMatchObject({ onHand: 7, reserved: 0 });
    await system.startService('pricing');
  });
});
