import type {
  CreditNoteView,
  CustomerView,
  InvoiceView,
  OrderView,
  Page,
  PickTicketView,
  StockLevelView,
} from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/** A return through the gateway: handling charge, restock of one line and write-off of another, and its credit note. */
describe('returns', () => {
  let system: TestSystem;
  let admin: Api;
  let sales: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    sales = admin.as((await admin.post('/api-keys', { name: 'sales-r', role: 'sales' }).expect(201)).body.key);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    for (const [sku, price] of [
      ['R-GOOD', 2000],
      ['R-BAD', 1500],
    ] as const) {
      await admin.post('/items', { sku, name: sku }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 10 }).expect(201);
      await admin.post('/prices', { sku, currency: 'EUR', unitPriceMinor: price }).expect(201);
    }
    customer = (await admin.post('/customers', { name: 'Returner' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const onHand = async (sku: string) =>
    ((await admin.get(`/stock?sku=${sku}`).expect(200)).body as Page<StockLevelView>).items[0].onHand;

  it('refuses a return against an order that never shipped', async () => {
    const order: OrderView = (
      await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'R-GOOD', quantity: 1 }] }).expect(201)
    ).body;
    const refused = await admin.post('/returns', { originalOrderId: order.id }).expect(409);
    expect(refused.body.detail).toContain('never shipped');
    await sales.post('/returns', { originalOrderId: order.id }).expect(403);
    await admin.post(`/orders/${order.id}/cancel`).expect(200);
  });

  it('restocks one line, writes off another, charges handling and credits a paid original', async () => {
    const order: OrderView = (
      await admin
        .post('/orders', {
          customerId: customer.id,
          lines: [
            { sku: 'R-GOOD', quantity: 3 },
            { sku: 'R-BAD', quantity: 2 },
          ],
        })
        .expect(201)
    ).body;
    const ticket = await eventually(
      async () => {
        const generated: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return generated.find((t) => t.orderId === order.id);
      },
      15_000,
      'a pick ticket',
    );
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body;
    await admin.post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: 'RET-1' }).expect(200);
    const invoice: InvoiceView = await eventually(
      async () => ((await admin.get(`/invoices?orderId=${order.id}`).expect(200)).body as Page<InvoiceView>).items[0],
      15_000,
      'invoice',
    );
    expect(invoice.totalMinor).toBe(9000);
    await admin
      .post('/payments', { invoiceId: invoice.id, amountMinor: 9000, currency: 'EUR', method: 'CARD' })
      .expect(201);
    await eventually(async () => ((await onHand('R-GOOD')) === 7 ? true : undefined), 15_000, 'stock shipped out');

    const created: OrderView = (
      await admin
        .post('/returns', {
          originalOrderId: order.id,
          handlingCharge: { description: 'Restocking fee', amountMinor: 750 },
        })
        .expect(201)
    ).body;
    expect(created).toMatchObject({ type: 'RETURN', references: { parent: { id: order.id, type: 'ORDER' } } });
    expect(created.number).toMatch(/^RT-\d{6}$/);
    const goods = created.lines.filter((l) => l.kind === 'ITEM');
    expect(goods.map((l) => [l.sku, l.quantity, l.unitPriceMinor])).toEqual([
      ['R-GOOD', 0, 2000],
      ['R-BAD', 0, 1500],
    ]);
    expect(created.lines.find((l) => l.kind === 'CHARGE')).toMatchObject({
      description: 'Restocking fee',
      unitPriceMinor: 750,
      quantity: 1,
    });
    const [good, bad] = goods;
    const tooMany = await admin.patch(`/returns/${created.id}/lines/${good.id}`, { quantity: 4 }).expect(422);
    expect(tooMany.body).toMatchObject({ code: 'QUANTITY_EXCEEDED' });
    await admin.patch(`/returns/${created.id}/lines/${good.id}`, { quantity: 3, disposition: 'RESTOCK' }).expect(200);
    await admin
      .patch(`/returns/${created.id}/lines/${bad.id}`, { quantity: 1, disposition: 'WRITE_OFF', unitPriceMinor: 1400 })
      .expect(200);
    const received: OrderView = (
      await admin.post(`/returns/${created.id}/receive`, { settlement: 'REFUND' }).expect(200)
    ).body;
    expect(received.totalMinor).toBe(3 * 2000 + 1400 - 750);
    await admin.post(`/returns/${created.id}/receive`, {}).expect(409);

    // The original's lines: a full return makes both statuses Returned; a partial one leaves the line Active.
    const original: OrderView = (await admin.get(`/orders/${order.id}`).expect(200)).body;
    expect(original.lines.map((l) => [l.sku, l.lineStatus, l.fulfillStatus, l.returnedQuantity])).toEqual([
      ['R-GOOD', 'RETURNED', 'RETURNED', 3],
      ['R-BAD', 'ACTIVE', 'RETURNED', 1],
    ]);
    expect(original.references.children).toEqual([{ id: created.id, number: created.number, type: 'RETURN' }]);

    // Stock: the restocked line is back on hand, the written-off one is not.
    await eventually(async () => ((await onHand('R-GOOD')) === 10 ? true : undefined), 15_000, 'restock');
    expect(await onHand('R-BAD')).toBe(8);
    const ledger = (await admin.get('/stock/ledger?sku=R-BAD&limit=100').expect(200)).body;
    expect(ledger.items.map((e: { kind: string }) => e.kind)).toContain('WRITE_OFF');

    // Billing credits the paid original with a refund, once.
    const note: CreditNoteView = await eventually(
      async () =>
        ((await admin.get(`/credit-notes?returnId=${created.id}`).expect(200)).body as Page<CreditNoteView>).items[0],
      15_000,
      'the credit note',
    );
    expect(note).toMatchObject({
      goodsMinor: 7400,
      handlingChargeMinor: 750,
      totalMinor: 6650,
      settlement: 'REFUND',
      refundedMinor: 6650,
      openMinor: 0,
    });
    expect(note.number).toMatch(/^CN-\d{6}$/);
    const closed = await eventually(
      async () => {
        const r: OrderView = (await admin.get(`/orders/${created.id}`).expect(200)).body;
        return r.status === 'CLOSED' ? r : undefined;
      },
      15_000,
      'the return closed',
    );
    expect(closed.status).toBe('CLOSED');
  });

  it('credits an overcharge with a Credit memo order, never more than was invoiced', async () => {
    const order: OrderView = (
      await admin
        .post('/orders', { type: 'INVOICE', customerId: customer.id, lines: [{ sku: 'R-GOOD', quantity: 1 }] })
        .expect(201)
    ).body;
    await eventually(
      async () => ((await admin.get(`/orders/${order.id}`).expect(200)).body.invoicedMinor === 2000 ? true : undefined),
      15_000,
      'invoiced at entry',
    );
    const finance = admin.as(
      (await admin.post('/api-keys', { name: 'finance-r', role: 'finance' }).expect(201)).body.key,
    );
    const tooMuch = await finance
      .post('/credit-memos', { originalOrderId: order.id, amountMinor: 2001, reason: 'Wrong price' })
      .expect(422);
    expect(tooMuch.body).toMatchObject({ code: 'QUANTITY_EXCEEDED', details: { creditable: 2000 } });
    await sales
      .post('/credit-memos', { originalOrderId: order.id, amountMinor: 100, reason: 'Wrong price' })
      .expect(403);
    const memo: OrderView = (
      await finance
        .post('/credit-memos', {
          originalOrderId: order.id,
          amountMinor: 300,
          reason: 'Charged list price, agreed 17.00',
        })
        .expect(201)
    ).body;
    expect(memo).toMatchObject({ type: 'CREDIT_MEMO', totalMinor: 300, references: { parent: { id: order.id } } });
    expect(memo.number).toMatch(/^CM-\d{6}$/);
    expect(memo.lines[0]).toMatchObject({
      kind: 'CHARGE',
      description: 'Charged list price, agreed 17.00',
      unitPriceMinor: 300,
    });
    const note: CreditNoteView = await eventually(
      async () =>
        ((await admin.get(`/credit-notes?returnId=${memo.id}`).expect(200)).body as Page<CreditNoteView>).items[0],
      15_000,
      'the credit note for the overcharge',
    );
    expect(note).toMatchObject({
      totalMinor: 300,
      goodsMinor: 0,
      settlement: 'CREDIT_MEMO',
      // The original's invoice is unpaid: the credit settles 3.00 of it rather than waiting on account.
      appliedMinor: 300,
      openMinor: 0,
      refundedMinor: 0,
    });
    const [invoice] = ((await admin.get(`/invoices?orderId=${order.id}`).expect(200)).body as Page<InvoiceView>).items;
    expect(invoice).toMatchObject({ totalMinor: 2000, creditedMinor: 300, openMinor: 1700 });
    await eventually(
      async () => ((await admin.get(`/orders/${memo.id}`).expect(200)).body.status === 'CLOSED' ? true : undefined),
      15_000,
      'the memo closed',
    );
    const again = await finance
      .post('/credit-memos', { originalOrderId: order.id, amountMinor: 1701, reason: 'More' })
      .expect(422);
    expect(again.body.details).toMatchObject({ creditable: 1700 });
  });
});
