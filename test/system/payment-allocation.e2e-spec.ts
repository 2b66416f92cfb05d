import { BillingSubjects } from '#contracts';
import type {
  CustomerPaymentView,
  CustomerView,
  InvoiceView,
  OrderView,
  PaymentAllocatedEvent,
  Page,
  PickTicketView,
  SystemConsistencyReport,
  UnappliedCashView,
} from '#contracts';
import { Api, eventually, readStream, TestRpcClient, TestSystem } from '#testing';

/**
 * Payments that allocate, through the gateway with every service running: one customer payment
 * settles several invoices, its rest stays on account and is allocated or refunded later, bad
 * allocations change nothing, and concurrent allocations never take more than the rest.
 */
describe('billing: customer payments and their allocations', () => {
  let system: TestSystem;
  let admin: Api;
  let buyer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'PA-1', name: 'Widget' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'PA-1', locationCode: 'WH1', quantity: 1000 }).expect(201);
    await admin.post('/prices', { sku: 'PA-1', currency: 'EUR', unitPriceMinor: 2000 }).expect(201);
    buyer = (await admin.post('/customers', { name: 'Allocating Co', currency: 'EUR' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const invoiceOf = (orderId: string) =>
    eventually(
      async () => ((await admin.get(`/invoices?orderId=${orderId}`).expect(200)).body as Page<InvoiceView>).items[0],
      15_000,
      'the invoice',
    );
  /** A one-step order of `quantity` × 20.00 for the customer, billed at entry. */
  const invoiced = async (customer: CustomerView, quantity: number) => {
    const placed: OrderView = (
      await admin
        .post('/orders', { type: 'INVOICE', customerId: customer.id, lines: [{ sku: 'PA-1', quantity }] })
        .expect(201)
    ).body;
    return invoiceOf(placed.id);
  };
  const invoice = async (id: string): Promise<InvoiceView> => (await admin.get(`/invoices/${id}`).expect(200)).body;
  const onAccount = async (customerId: string): Promise<UnappliedCashView> =>
    (await admin.get(`/customers/${customerId}/unapplied-cash`).expect(200)).body;
  const pay = (body: object, headers: Record<string, string> = {}) =>
    admin.post('/payments', { currency: 'EUR', method: 'BANK_TRANSFER', ...body }, headers);

  let first: InvoiceView;
  let second: InvoiceView;
  let payment: CustomerPaymentView;

  it('pays one invoice in full and half of another; the rest stays on account, then is allocated', async () => {
    first = await invoiced(buyer, 2);
    second = await invoiced(buyer, 3);
    expect([first.totalMinor, second.totalMinor]).toEqual([4000, 6000]);
    const body = {
      customerId: buyer.id,
      amountMinor: 10_000,
      reference: 'BANK-77',
      allocations: [
        { invoiceId: first.id, amountMinor: 4000 },
        { invoiceId: second.id, amountMinor: 3000 },
      ],
    };
    payment = (await pay(body, { 'Idempotency-Key': 'allocation-1' }).expect(201)).body;
    expect(payment).toMatchObject({
      customerId: buyer.id,
      amountMinor: 10_000,
      currency: 'EUR',
      allocatedMinor: 7000,
      refundedMinor: 0,
      unappliedMinor: 3000,
    });
    expect(payment.allocations.map((a) => [a.invoiceNumber, a.amountMinor]).sort()).toEqual(
      [
        [first.number, 4000],
        [second.number, 3000],
      ].sort(),
    );
    // A retry with the same key is the same payment, recorded once.
    expect((await pay(body, { 'Idempotency-Key': 'allocation-1' }).expect(201)).body.id).toBe(payment.id);
    expect(await invoice(first.id)).toMatchObject({ status: 'PAID', paidMinor: 4000, openMinor: 0 });
    expect(await invoice(second.id)).toMatchObject({ status: 'PARTLY_PAID', paidMinor: 3000, openMinor: 3000 });
    expect(await onAccount(buyer.id)).toMatchObject({
      items: [{ source: 'PAYMENT', paymentId: payment.id, currency: 'EUR', amountMinor: 10_000, openMinor: 3000 }],
      totals: [{ currency: 'EUR', openMinor: 3000 }],
    });
  });

  describe('bad allocations are a 4xx naming the field and change nothing', () => {
    const unchanged = async () => {
      expect(await onAccount(buyer.id)).toMatchObject({ totals: [{ currency: 'EUR', openMinor: 3000 }] });
      expect(await invoice(second.id)).toMatchObject({ status: 'PARTLY_PAID', paidMinor: 3000, openMinor: 3000 });
    };
    const allocate = (allocations: object[], id = payment.id) =>
      admin.post(`/payments/${id}/allocations`, { allocations });

    it('refuses more than the payment has unallocated', async () => {
      const third = await invoiced(buyer, 2);
      const over = await allocate([{ invoiceId: third.id, amountMinor: 3001 }]).expect(422);
      expect(over.body).toMatchObject({ code: 'OVER_ALLOCATION', details: { field: 'allocations' } });
      expect(await invoice(third.id)).toMatchObject({ status: 'POSTED', paidMinor: 0 });
      // A new payment whose allocations add up to more than it is records nothing at all.
      await pay({
        customerId: buyer.id,
        amountMinor: 100,
        allocations: [{ invoiceId: third.id, amountMinor: 101 }],
      }).expect(422);
      await unchanged();
    });

    it('refuses more than is open on the invoice', async () => {
      const over = await allocate([
        { invoiceId: second.id, amountMinor: 1000 },
        { invoiceId: first.id, amountMinor: 100 },
      ]).expect(422);
      expect(over.body).toMatchObject({ code: 'OVERPAYMENT', details: { field: 'allocations[1].amountMinor' } });
      await unchanged();
    });

    it("refuses another customer's invoice, another currency and a voided invoice", async () => {
      const other: CustomerView = (await admin.post('/customers', { name: 'Other Co', currency: 'EUR' }).expect(201))
        .body;
      const theirs = await invoiced(other, 1);
      const foreign = await allocate([{ invoiceId: theirs.id, amountMinor: 100 }]).expect(422);
      expect(foreign.body).toMatchObject({ code: 'CUSTOMER_MISMATCH', details: { field: 'allocations[0].invoiceId' } });
      expect(await invoice(theirs.id)).toMatchObject({ paidMinor: 0 });

      const dollars = await pay({
        customerId: buyer.id,
        currency: 'USD',
        amountMinor: 500,
        allocations: [{ invoiceId: second.id, amountMinor: 500 }],
      }).expect(422);
      expect(dollars.body).toMatchObject({ code: 'CURRENCY_MISMATCH', details: { field: 'allocations[0].invoiceId' } });

      const voided = await voidedInvoice();
      const refused = await allocate([{ invoiceId: voided.id, amountMinor: 100 }]).expect(409);
      expect(refused.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        details: { field: 'allocations[0].invoiceId' },
      });
      expect(await invoice(voided.id)).toMatchObject({ status: 'VOIDED', paidMinor: 0, openMinor: 0 });
      await unchanged();
    });

    it('names a bad field of the body, an unknown payment, and refuses sales', async () => {
      const bad = await allocate([{ invoiceId: second.id, amountMinor: -5 }]).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'allocations[0].amountMinor' })]);
      const shape = await pay({ customerId: buyer.id, amountMinor: 100, allocations: 'all' }).expect(400);
      expect(shape.body.errors).toEqual([expect.objectContaining({ field: 'allocations' })]);
      await allocate([{ invoiceId: second.id, amountMinor: 100 }], first.id).expect(404);
      await admin.post(`/payments/${payment.id}/refunds`, { amountMinor: 3001 }).expect(422);
      const sales = admin.as(
        (await admin.post('/api-keys', { name: 'sales-alloc', role: 'sales' }).expect(201)).body.key,
      );
      await sales.get(`/customers/${buyer.id}/unapplied-cash`).expect(403);
      await sales.post(`/payments/${payment.id}/allocations`, { allocations: [] }).expect(403);
      await unchanged();
    });
  });

  it('allocates the rest later, and the customer has nothing left on account', async () => {
    const allocateRest = () =>
      admin.post(
        `/payments/${payment.id}/allocations`,
        { allocations: [{ invoiceId: second.id, amountMinor: 3000 }] },
        { 'Idempotency-Key': 'allocation-later-1' },
      );
    const later: CustomerPaymentView = (await allocateRest().expect(201)).body;
    expect(later).toMatchObject({ allocatedMinor: 10_000, unappliedMinor: 0 });
    // A retry is answered with the same allocation, made once.
    expect((await allocateRest().expect(201)).body).toMatchObject({ allocatedMinor: 10_000, unappliedMinor: 0 });
    expect(await invoice(second.id)).toMatchObject({ status: 'PAID', paidMinor: 6000, openMinor: 0 });
    expect((await onAccount(buyer.id)).items.filter((i) => i.source === 'PAYMENT')).toEqual([]);
    // Orders hears of each allocation as a payment of its invoice.
    await eventually(
      async () => {
        const orders = (await admin.get(`/orders?customerId=${buyer.id}`).expect(200)).body as Page<OrderView>;
        const paid = orders.items.reduce((sum, o) => sum + o.paidMinor, 0);
        return paid >= 10_000 ? true : undefined;
      },
      15_000,
      'orders know the allocations',
    );
    // Each allocation is published once, in version 1, with what it left open and on account.
    const events = await eventually(
      async () => {
        const read = await readStream<PaymentAllocatedEvent>(
          system.nats.url,
          'BILLING_EVENTS',
          'events.billing.payment.allocated',
        );
        const mine = read.filter((e) => e.data.paymentId === payment.id);
        return mine.length === 3 ? mine : undefined;
      },
      15_000,
      'the allocations on the stream',
    );
    expect(events.every((e) => e.v === 1)).toBe(true);
    expect(events.map((e) => [e.data.invoiceId, e.data.amountMinor, e.data.invoiceStatus])).toEqual(
      expect.arrayContaining([
        [first.id, 4000, 'PAID'],
        [second.id, 3000, 'PARTLY_PAID'],
        [second.id, 3000, 'PAID'],
      ]),
    );
    expect(events.at(-1)!.data).toMatchObject({ customerId: buyer.id, paymentUnappliedMinor: 0, invoiceOpenMinor: 0 });
  });

  it('refunds part of the rest, never more than is on account, and 20 concurrent allocations never over-allocate', async () => {
    const cash: CustomerPaymentView = (
      await pay({ customerId: buyer.id, amountMinor: 5000, method: 'CHEQUE', allocations: [] }).expect(201)
    ).body;
    const refund = () =>
      admin.post(
        `/payments/${cash.id}/refunds`,
        { amountMinor: 2000, reference: 'PAYOUT-1' },
        { 'Idempotency-Key': 'refund-payout-1' },
      );
    const refunded: CustomerPaymentView = (await refund().expect(201)).body;
    expect(refunded).toMatchObject({ refundedMinor: 2000, unappliedMinor: 3000, refunds: [{ amountMinor: 2000 }] });
    expect((await refund().expect(201)).body).toMatchObject({ refundedMinor: 2000, unappliedMinor: 3000 });
    const over = await admin.post(`/payments/${cash.id}/refunds`, { amountMinor: 3001 }).expect(422);
    expect(over.body).toMatchObject({ code: 'OVER_ALLOCATION', details: { field: 'amountMinor' } });

    const big = await invoiced(buyer, 5);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        admin.post(`/payments/${cash.id}/allocations`, { allocations: [{ invoiceId: big.id, amountMinor: 200 }] }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(15);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 422)).toBe(true);
    expect(await invoice(big.id)).toMatchObject({ status: 'PARTLY_PAID', paidMinor: 3000, openMinor: 7000 });
    expect((await onAccount(buyer.id)).items.filter((i) => i.paymentId === cash.id)).toEqual([]);

    const report = (await admin.get('/admin/consistency?settleMs=300').expect(200)).body as SystemConsistencyReport;
    expect(report.rules.filter((r) => r.disagreements.length > 0)).toEqual([]);
  });

  it('does a retry that reaches billing again (the gateway lost the answer) once, by its key', async () => {
    const rpc = await TestRpcClient.connect(system.nats.url);
    try {
      const open = await invoiced(buyer, 1);
      const received = { customerId: buyer.id, amountMinor: 3000, currency: 'EUR' as const, method: 'CASH' as const };
      const key = { idempotencyKey: 'retry-receive-1' };
      const cash = await rpc.request(BillingSubjects.receivePayment, { ...received, allocations: [] }, undefined, key);
      expect(
        (await rpc.request(BillingSubjects.receivePayment, { ...received, allocations: [] }, undefined, key)).id,
      ).toBe(cash.id);
      const allocation = { paymentId: cash.id, allocations: [{ invoiceId: open.id, amountMinor: 1000 }] };
      const allocateKey = { idempotencyKey: 'retry-allocate-1' };
      await rpc.request(BillingSubjects.allocatePayment, allocation, undefined, allocateKey);
      const again = await rpc.request(BillingSubjects.allocatePayment, allocation, undefined, allocateKey);
      expect(again).toMatchObject({ allocatedMinor: 1000, unappliedMinor: 2000 });
      const refund = { paymentId: cash.id, amountMinor: 500 };
      await rpc.request(BillingSubjects.refundPayment, refund, undefined, { idempotencyKey: 'retry-refund-1' });
      const refundedAgain = await rpc.request(BillingSubjects.refundPayment, refund, undefined, {
        idempotencyKey: 'retry-refund-1',
      });
      expect(refundedAgain).toMatchObject({ refundedMinor: 500, unappliedMinor: 1500 });
      expect(await invoice(open.id)).toMatchObject({ paidMinor: 1000, openMinor: 1000 });
    } finally {
      await rpc.close();
    }
  });

  /** A shipped two-step order of the customer's, re-opened so its invoice is voided. */
  async function voidedInvoice(): Promise<InvoiceView> {
    const placed: OrderView = (
      await admin.post('/orders', { customerId: buyer.id, lines: [{ sku: 'PA-1', quantity: 1 }] }).expect(201)
    ).body;
    const ticket = await eventually(
      async () => {
        const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return printed.find((t) => t.orderId === placed.id);
      },
      15_000,
      'a pick ticket',
    );
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body as { id: string };
    await admin
      .post(`/shipments/${shipment.id}/ship`, { carrier: 'UPS', trackingNumber: `T-${placed.id}` })
      .expect(200);
    const posted = await invoiceOf(placed.id);
    await admin.post(`/orders/${placed.id}/reopen`, { reason: 'Wrong address' }).expect(200);
    return invoice(posted.id);
  }
});
