import type {
  AgingReport,
  CreditNoteView,
  CustomerView,
  InvoiceView,
  OrderView,
  Page,
  PickTicketView,
  PriceOrderReply,
  SystemConsistencyReport,
} from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/**
 * What billing bills and how money settles, through the gateway with every service running:
 * the tax, freight and shipping fees pricing works out are on the order and its invoices.
 */
describe('billing: charges, voids and credits through the gateway', () => {
  let system: TestSystem;
  let admin: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'TX-1', name: 'Taxed widget' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'TX-1', locationCode: 'WH1', quantity: 100 }).expect(201);
    await admin.post('/prices', { sku: 'TX-1', currency: 'EUR', unitPriceMinor: 2000 }).expect(201);
    customer = (await admin.post('/customers', { name: 'Taxed Co', currency: 'EUR' }).expect(201)).body;
    await admin.post('/pricing/items', { items: [{ sku: 'TX-1', taxClass: 'STANDARD' }] }).expect(201);
    await admin
      .post('/pricing/customers', { customers: [{ customerId: customer.id, shipToRegion: 'NL' }] })
      .expect(201);
    await admin.post('/tax-rates', { region: 'NL', taxClass: 'STANDARD', percent: 21 }).expect(201);
    await admin
      .post('/freight-rules', {
        code: 'NL-PARCEL',
        currency: 'EUR',
        shipToRegion: 'NL',
        method: 'FLAT',
        amountMinor: 695,
        taxClass: 'STANDARD',
      })
      .expect(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const order = async (id: string): Promise<OrderView> => (await admin.get(`/orders/${id}`).expect(200)).body;
  const invoicesOf = async (orderId: string): Promise<InvoiceView[]> =>
    ((await admin.get(`/invoices?orderId=${orderId}`).expect(200)).body as Page<InvoiceView>).items;
  const invoiceOf = (orderId: string) => eventually(async () => (await invoicesOf(orderId))[0], 15_000, 'the invoice');
  const ship = async (orderId: string) => {
    const ticket = await eventually(
      async () => {
        const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return printed.find((t) => t.orderId === orderId);
      },
      15_000,
      'a pick ticket',
    );
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body as { id: string };
    await admin.post(`/shipments/${shipment.id}/ship`, { carrier: 'UPS', trackingNumber: `T-${orderId}` }).expect(200);
  };
  const sum = (invoice: InvoiceView) => invoice.lines.reduce((total, l) => total + l.lineTotalMinor, 0);

  describe('defect 1: tax, freight and shipping fees are billed', () => {
    it('bills a shipped order at what the quote said: 60.00 + freight 6.95 + 21% tax = 81.01', async () => {
      const quote: PriceOrderReply = (
        await admin
          .post('/prices/quote', {
            currency: 'EUR',
            customerId: customer.id,
            lines: [{ lineId: 'a', sku: 'TX-1', quantity: 3 }],
          })
          .expect(200)
      ).body;
      expect(quote.totals.grandTotalMinor).toBe(8101);

      const placed: OrderView = (
        await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'TX-1', quantity: 3 }] }).expect(201)
      ).body;
      expect(placed).toMatchObject({ totalMinor: 6000, chargesMinor: 695, taxMinor: 1406, grandTotalMinor: 8101 });
      expect(placed.charges).toEqual([
        expect.objectContaining({
          kind: 'FREIGHT',
          code: 'NL-PARCEL',
          amountMinor: 695,
          taxMinor: 146,
          taxPercent: 21,
        }),
      ]);
      expect(placed.lines[0]).toMatchObject({ lineTotalMinor: 6000, taxMinor: 1260, taxPercent: 21 });

      await ship(placed.id);
      const invoice = await invoiceOf(placed.id);
      expect(invoice).toMatchObject({ totalMinor: 8101, chargesMinor: 695, taxMinor: 1406, openMinor: 8101 });
      expect(
        invoice.lines.map((l) => [l.lineNo, l.kind, l.sku ?? l.chargeCode ?? l.description, l.lineTotalMinor]),
      ).toEqual([
        [1, 'ORDER_LINE', 'TX-1', 6000],
        [2, 'CHARGE', 'NL-PARCEL', 695],
        [3, 'TAX', 'Tax 21%', 1406],
      ]);
      expect(invoice.lines[0]).toMatchObject({ orderLineId: placed.lines[0].id, taxMinor: 1260, taxPercent: 21 });
      expect(sum(invoice)).toBe(invoice.totalMinor);
      await eventually(
        async () => ((await order(placed.id)).invoicedMinor === 8101 ? true : undefined),
        15_000,
        'the order invoiced at 81.01',
      );
    });

    it("bills a line's shipping fee once, with the line, and a one-step order's freight and tax at entry", async () => {
      const placed: OrderView = (
        await admin
          .post('/orders', {
            type: 'INVOICE',
            customerId: customer.id,
            lines: [{ sku: 'TX-1', quantity: 1, shipFeeMinor: 450 }],
          })
          .expect(201)
      ).body;
      // 20.00 + fee 4.50 + freight 6.95; tax 21% of 20.00 (4.20) and of the freight (1.46); the fee is not taxed.
      expect(placed).toMatchObject({ totalMinor: 2000, chargesMinor: 1145, taxMinor: 566, grandTotalMinor: 3711 });
      const invoice = await invoiceOf(placed.id);
      expect(invoice.lines.map((l) => [l.kind, l.chargeCode ?? l.sku ?? l.description, l.lineTotalMinor])).toEqual([
        ['ORDER_LINE', 'TX-1', 2000],
        ['CHARGE', 'SHIP_FEE', 450],
        ['CHARGE', 'NL-PARCEL', 695],
        ['TAX', 'Tax 21%', 566],
      ]);
      expect(invoice.lines[1]).toMatchObject({ orderLineId: placed.lines[0].id });
      expect(invoice.totalMinor).toBe(3711);
      expect(sum(invoice)).toBe(3711);
      // The system's own check agrees: every invoice adds up, and every shipped line is invoiced once.
      const report = (await admin.get('/admin/consistency?settleMs=300').expect(200)).body as SystemConsistencyReport;
      expect(report.rules.filter((r) => r.disagreements.length > 0)).toEqual([]);
    });
  });

  describe('defect 2: a voided invoice has nothing open', () => {
    it('un-allocates the payments of a re-opened order with a record and keeps them on account', async () => {
      const plain: CustomerView = (await admin.post('/customers', { name: 'Plain Co', currency: 'EUR' }).expect(201))
        .body;
      const placed: OrderView = (
        await admin.post('/orders', { customerId: plain.id, lines: [{ sku: 'TX-1', quantity: 2 }] }).expect(201)
      ).body;
      await ship(placed.id);
      const invoice = await invoiceOf(placed.id);
      expect(invoice).toMatchObject({ totalMinor: 4000, openMinor: 4000 });
      const paid = await admin
        .post('/payments', { invoiceId: invoice.id, amountMinor: 1500, currency: 'EUR', method: 'CARD' })
        .expect(201);
      expect(paid.body.invoice).toMatchObject({ status: 'PARTLY_PAID', paidMinor: 1500, openMinor: 2500 });
      await eventually(
        async () => ((await order(placed.id)).paidMinor === 1500 ? true : undefined),
        15_000,
        'the order knows the payment',
      );

      await admin.post(`/orders/${placed.id}/reopen`, { reason: 'Wrong address' }).expect(200);
      const voided: InvoiceView = (await admin.get(`/invoices/${invoice.id}`).expect(200)).body;
      expect(voided).toMatchObject({
        status: 'VOIDED',
        totalMinor: 4000,
        paidMinor: 0,
        openMinor: 0,
        voidReason: 'Wrong address',
      });
      expect(voided.unallocatedPayments).toEqual([
        expect.objectContaining({
          paymentId: paid.body.id,
          amountMinor: 1500,
          keptOnAccount: true,
          reason: 'Wrong address',
        }),
      ]);
      const reversals = (await admin.get(`/orders/${placed.id}/reversals`).expect(200)).body;
      expect(reversals[0].billing).toMatchObject({ reversedPaymentsMinor: 1500, keptOnAccountMinor: 1500 });
      // Nothing more can be paid on it, and the system check finds its open item at zero.
      await admin
        .post('/payments', { invoiceId: invoice.id, amountMinor: 100, currency: 'EUR', method: 'CARD' })
        .expect(409);
      const report = (await admin.get('/admin/consistency?settleMs=300').expect(200)).body as SystemConsistencyReport;
      expect(report.rules.filter((r) => r.disagreements.length > 0)).toEqual([]);
    });
  });

  describe('defect 3: credits settle the original invoice first; refunds only what was paid', () => {
    let plain: CustomerView;
    beforeAll(async () => {
      plain = (await admin.post('/customers', { name: 'Returns Co', currency: 'EUR' }).expect(201)).body;
    });

    /** An order of `quantity` × 20.00, shipped and invoiced (no tax for this customer), optionally paid in part. */
    const invoicedOrder = async (quantity: number, paidMinor: number) => {
      const placed: OrderView = (
        await admin.post('/orders', { customerId: plain.id, lines: [{ sku: 'TX-1', quantity }] }).expect(201)
      ).body;
      await ship(placed.id);
      const invoice = await invoiceOf(placed.id);
      if (paidMinor > 0)
        await admin
          .post('/payments', { invoiceId: invoice.id, amountMinor: paidMinor, currency: 'EUR', method: 'CARD' })
          .expect(201);
      return { placed, invoice };
    };
    /** Returns `quantity` units of the order's line with no handling charge, received with `settlement`. */
    const returnUnits = async (placed: OrderView, quantity: number, settlement: 'REFUND' | 'CREDIT_MEMO') => {
      const created: OrderView = (
        await admin
          .post('/returns', { originalOrderId: placed.id, handlingCharge: { description: 'None', amountMinor: 0 } })
          .expect(201)
      ).body;
      const line = created.lines.find((l) => l.kind === 'ITEM')!;
      await admin.patch(`/returns/${created.id}/lines/${line.id}`, { quantity, disposition: 'RESTOCK' }).expect(200);
      await admin.post(`/returns/${created.id}/receive`, { settlement }).expect(200);
      return eventually(
        async () =>
          ((await admin.get(`/credit-notes?returnId=${created.id}`).expect(200)).body as Page<CreditNoteView>).items[0],
        15_000,
        'the credit note',
      );
    };
    const invoice = async (id: string): Promise<InvoiceView> => (await admin.get(`/invoices/${id}`).expect(200)).body;

    it('refunds no cash for a return on an unpaid order: the credit settles the open invoice', async () => {
      const { placed, invoice: posted } = await invoicedOrder(2, 0);
      const note = await returnUnits(placed, 1, 'REFUND');
      expect(note).toMatchObject({ totalMinor: 2000, appliedMinor: 2000, refundedMinor: 0, openMinor: 0 });
      expect(note.applications).toEqual([
        expect.objectContaining({ invoiceId: posted.id, invoiceNumber: posted.number, amountMinor: 2000 }),
      ]);
      expect(await invoice(posted.id)).toMatchObject({
        status: 'PARTLY_PAID',
        paidMinor: 0,
        creditedMinor: 2000,
        openMinor: 2000,
      });
    });

    it('applies a credit kept on account to the open invoice, and the rest can be paid to the cent', async () => {
      const { placed, invoice: posted } = await invoicedOrder(3, 1000);
      const note = await returnUnits(placed, 1, 'CREDIT_MEMO');
      expect(note).toMatchObject({ totalMinor: 2000, appliedMinor: 2000, refundedMinor: 0, openMinor: 0 });
      expect(await invoice(posted.id)).toMatchObject({ paidMinor: 1000, creditedMinor: 2000, openMinor: 3000 });
      await admin
        .post('/payments', { invoiceId: posted.id, amountMinor: 3001, currency: 'EUR', method: 'CARD' })
        .expect(422);
      const paid = await admin
        .post('/payments', { invoiceId: posted.id, amountMinor: 3000, currency: 'EUR', method: 'CARD' })
        .expect(201);
      expect(paid.body.invoice).toMatchObject({ status: 'PAID', openMinor: 0 });
    });

    it('refunds only what was paid and not already credited; the rest settles the invoice', async () => {
      const { placed, invoice: posted } = await invoicedOrder(2, 1000);
      const first = await returnUnits(placed, 1, 'REFUND');
      // 20.00 credit: 30.00 was open, so all of it settles the invoice and nothing is paid out.
      expect(first).toMatchObject({ appliedMinor: 2000, refundedMinor: 0, openMinor: 0 });
      const second = await returnUnits(placed, 1, 'REFUND');
      // 10.00 was still open: 10.00 settles it, and the 10.00 paid is refunded.
      expect(second).toMatchObject({ totalMinor: 2000, appliedMinor: 1000, refundedMinor: 1000, openMinor: 0 });
      expect(await invoice(posted.id)).toMatchObject({
        status: 'PAID',
        paidMinor: 1000,
        creditedMinor: 3000,
        openMinor: 0,
      });
      const report = (await admin.get('/admin/consistency?settleMs=300').expect(200)).body as SystemConsistencyReport;
      expect(report.rules.filter((r) => r.disagreements.length > 0)).toEqual([]);
    });
  });

  describe('money: every ISO 4217 currency with its own minor units', () => {
    it('sells, bills and collects in CAD, and names the field of a currency it does not know', async () => {
      const canadian: CustomerView = (
        await admin.post('/customers', { name: 'Maple Ltd', currency: 'CAD' }).expect(201)
      ).body;
      await admin.post('/prices', { sku: 'TX-1', currency: 'CAD', unitPriceMinor: 2750 }).expect(201);
      const quote: PriceOrderReply = (
        await admin
          .post('/prices/quote', { currency: 'AUD', lines: [{ lineId: 'a', sku: 'TX-1', quantity: 1 }] })
          .expect(422)
      ).body;
      expect(quote).toMatchObject({ code: 'PRICE_NOT_FOUND' });
      const placed: OrderView = (
        await admin
          .post('/orders', { type: 'INVOICE', customerId: canadian.id, lines: [{ sku: 'TX-1', quantity: 2 }] })
          .expect(201)
      ).body;
      expect(placed).toMatchObject({ currency: 'CAD', totalMinor: 5500, grandTotalMinor: 5500 });
      const invoice = await invoiceOf(placed.id);
      expect(invoice).toMatchObject({ currency: 'CAD', totalMinor: 5500 });
      const unknown = await admin
        .post('/payments', { invoiceId: invoice.id, amountMinor: 5500, currency: 'CAX', method: 'CARD' })
        .expect(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'currency' })]);
      await admin.post('/customers', { name: 'Nowhere', currency: 'HRK' }).expect(400);
      await admin
        .post('/payments', { invoiceId: invoice.id, amountMinor: 5500, currency: 'AUD', method: 'CARD' })
        .expect(422);
      expect((await admin.get(`/invoices/${invoice.id}`).expect(200)).body).toMatchObject({ paidMinor: 0 });
      const paid = await admin
        .post('/payments', { invoiceId: invoice.id, amountMinor: 5500, currency: 'CAD', method: 'CARD' })
        .expect(201);
      expect(paid.body).toMatchObject({ currency: 'CAD', invoice: { status: 'PAID', openMinor: 0 } });
    });
  });

  describe('receivables: due dates from payment terms, and aging as of a day', () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const oneStep = async (paymentTerms: string, quantity: number) => {
      const buyer: CustomerView = (
        await admin.post('/customers', { name: `Terms ${paymentTerms}`, currency: 'EUR', paymentTerms }).expect(201)
      ).body;
      const placed: OrderView = (
        await admin
          .post('/orders', { type: 'INVOICE', customerId: buyer.id, lines: [{ sku: 'TX-1', quantity }] })
          .expect(201)
      ).body;
      return { buyer, invoice: await invoiceOf(placed.id) };
    };
    const aging = async (query: string): Promise<AgingReport> =>
      (await admin.get(`/receivables/aging?${query}`).expect(200)).body;

    it("dates each invoice by its customer's terms and ages what is open into the five buckets", async () => {
      const net14 = await oneStep('NET14', 1);
      const onReceipt = await oneStep('DUE_ON_RECEIPT', 1);
      const net30 = await oneStep('NET30', 2);
      expect(net14.invoice).toMatchObject({ paymentTerms: 'NET14', dueDate: day(14) });
      expect(onReceipt.invoice).toMatchObject({ paymentTerms: 'DUE_ON_RECEIPT', dueDate: day(0) });
      expect(net30.invoice).toMatchObject({ paymentTerms: 'NET30', dueDate: day(30) });
      await admin
        .post('/payments', { invoiceId: net30.invoice.id, amountMinor: 1000, currency: 'EUR', method: 'CARD' })
        .expect(201);

      const bucketsOf = (report: AgingReport, customerId: string) => {
        const row = report.customers.find((c) => c.customerId === customerId);
        return row && [row.currentMinor, row.days1To30Minor, row.days31To60Minor, row.days61To90Minor, row.over90Minor];
      };
      const today = await aging(`asOf=${day(0)}`);
      expect(bucketsOf(today, onReceipt.buyer.id)).toEqual([2000, 0, 0, 0, 0]);
      expect(bucketsOf(today, net30.buyer.id)).toEqual([3000, 0, 0, 0, 0]);
      const in45 = await aging(`asOf=${day(45)}`);
      expect(bucketsOf(in45, net30.buyer.id)).toEqual([0, 3000, 0, 0, 0]);
      expect(bucketsOf(in45, net14.buyer.id)).toEqual([0, 0, 2000, 0, 0]);
      expect(bucketsOf(in45, onReceipt.buyer.id)).toEqual([0, 0, 2000, 0, 0]);
      const in100 = await aging(`asOf=${day(100)}`);
      expect(bucketsOf(in100, net30.buyer.id)).toEqual([0, 0, 0, 3000, 0]);
      expect(bucketsOf(in100, onReceipt.buyer.id)).toEqual([0, 0, 0, 0, 2000]);
      // The totals are the customers added up, per currency.
      for (const report of [today, in45, in100]) {
        const eur = report.totals.find((t) => t.currency === 'EUR')!;
        const customers = report.customers.filter((c) => c.currency === 'EUR');
        expect(eur.totalMinor).toBe(customers.reduce((sum, c) => sum + c.totalMinor, 0));
        expect(eur.over90Minor).toBe(customers.reduce((sum, c) => sum + c.over90Minor, 0));
      }
      // Before the invoices existed nothing of theirs was open; one customer alone on request.
      expect(bucketsOf(await aging(`asOf=${day(-1)}`), net30.buyer.id)).toBeUndefined();
      const one = await aging(`asOf=${day(45)}&customerId=${net14.buyer.id}`);
      expect(one.customers.map((c) => c.customerId)).toEqual([net14.buyer.id]);
      expect(one.totals).toEqual([
        expect.objectContaining({ currency: 'EUR', days31To60Minor: 2000, totalMinor: 2000 }),
      ]);
    });

    it('refuses a bad date naming the field, and callers who are not finance', async () => {
      const bad = await admin.get('/receivables/aging?asOf=2026-13-01').expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
      await admin.get('/receivables/aging?customerId=nope').expect(400);
      const sales = admin.as(
        (await admin.post('/api-keys', { name: 'sales-aging', role: 'sales' }).expect(201)).body.key,
      );
      await sales.get('/receivables/aging').expect(403);
      const finance = admin.as(
        (await admin.post('/api-keys', { name: 'finance-aging', role: 'finance' }).expect(201)).body.key,
      );
      expect((await finance.get('/receivables/aging').expect(200)).body).toMatchObject({ asOf: day(0) });
    });
  });
});
