import type { CustomerView, InvoiceView, OrderView, Page, PickTicketView, StockLevelView } from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/** Cancel is refused once an order was processed; re-open reverses its stock, invoice and payment instead, and keeps a record. */
describe('cancel versus re-open', () => {
  let system: TestSystem;
  let admin: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'RO-1', name: 'Re-open item' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'RO-1', locationCode: 'WH1', quantity: 10 }).expect(201);
    await admin.post('/prices', { sku: 'RO-1', currency: 'EUR', unitPriceMinor: 1000 }).expect(201);
    customer = (await admin.post('/customers', { name: 'Changes mind' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const stock = async (): Promise<StockLevelView> =>
    ((await admin.get('/stock?sku=RO-1').expect(200)).body as Page<StockLevelView>).items[0];
  const order = async (id: string): Promise<OrderView> => (await admin.get(`/orders/${id}`).expect(200)).body;
  const ticketFor = (orderId: string) =>
    eventually(
      async () => {
        const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return printed.find((t) => t.orderId === orderId);
      },
      15_000,
      'a pick ticket',
    );

  it('reverses stock movements, the invoice and the payment of a shipped, paid order', async () => {
    const placed: OrderView = (
      await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'RO-1', quantity: 3 }] }).expect(201)
    ).body;
    const ticket = await ticketFor(placed.id);
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body;
    await admin.post(`/shipments/${shipment.id}/ship`, { carrier: 'UPS', trackingNumber: 'RO-TRK' }).expect(200);
    const invoice: InvoiceView = await eventually(
      async () => ((await admin.get(`/invoices?orderId=${placed.id}`).expect(200)).body as Page<InvoiceView>).items[0],
      15_000,
      'the invoice',
    );
    await admin
      .post('/payments', { invoiceId: invoice.id, amountMinor: 3000, currency: 'EUR', method: 'CARD' })
      .expect(201);
    await eventually(async () => ((await order(placed.id)).status === 'PAID' ? true : undefined), 15_000, 'order paid');
    expect(await stock()).toMatchObject({ onHand: 7, reserved: 0 });

    const refused = await admin.post(`/orders/${placed.id}/cancel`).expect(409);
    expect(refused.body).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(refused.body.detail).toContain('re-open');

    const reopened: OrderView = (
      await admin.post(`/orders/${placed.id}/reopen`, { reason: 'Wrong delivery address' }).expect(200)
    ).body;
    expect(reopened).toMatchObject({ status: 'OPEN', invoicedMinor: 0, paidMinor: 0, totalMinor: 3000 });
    expect(reopened.lines[0]).toMatchObject({
      quantity: 3,
      lineStatus: 'ACTIVE',
      fulfillStatus: 'NOT_FULFILLED',
      shippedQuantity: 0,
      invoicedQuantity: 0,
      reservedQuantity: 3,
    });
    // The shipped units are back on hand and reserved again for the order as entered.
    expect(await stock()).toMatchObject({ onHand: 10, reserved: 3 });
    const voided: InvoiceView = (await admin.get(`/invoices/${invoice.id}`).expect(200)).body;
    expect(voided).toMatchObject({ status: 'VOIDED', number: invoice.number });

    const reversals = (await admin.get(`/orders/${placed.id}/reversals`).expect(200)).body;
    expect(reversals).toHaveLength(1);
    expect(reversals[0]).toMatchObject({
      reason: 'Wrong delivery address',
      billing: { voidedInvoices: [{ number: invoice.number, totalMinor: 3000 }], reversedPaymentsMinor: 3000 },
      inventory: { restocked: [expect.objectContaining({ quantity: 3 })] },
      before: { status: 'PAID' },
    });
    await admin.post(`/orders/${placed.id}/reopen`, {}).expect(409);

    // It can be processed again from the start: a new pick ticket and, once shipped, a new invoice number.
    const again = await ticketFor(placed.id);
    expect(again.lines[0]).toMatchObject({ quantity: 3 });
  });
});
