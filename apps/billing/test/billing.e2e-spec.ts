import { randomUUID } from 'node:crypto';
import {
  BillingSubjects,
  type Caller,
  type Currency,
  EventStreams,
  type InvoicePostedEvent,
  type InvoiceView,
} from '#contracts';
import { anOrderPlaced, eventually, startTestApp, type TestApp, type TestDatabase, type TestRpcClient } from '#testing';
import { billingService } from '../src/app.module.js';
import { aShipment, anOrder, type FakeProducers, fakeProducers } from './support.js';

const finance: Caller = { actorId: 'fin-1', role: 'finance' };

describe('billing: invoices from shipments, payments, over NATS against Postgres', () => {
  let h: TestApp;
  let db: TestDatabase;
  let rpc: TestRpcClient;
  let producers: FakeProducers;
  const customerA = randomUUID();
  const customerB = randomUUID();
  const first = anOrder(customerA, [
    { sku: 'V123', quantity: 3, unitPriceMinor: 1999 },
    { sku: 'W456', quantity: 2, unitPriceMinor: 500 },
  ]);

  const invoicesOf = async (orderId: string) =>
    (await rpc.request(BillingSubjects.listInvoices, { orderId })).items.sort((a, b) =>
      a.number.localeCompare(b.number),
    );
  const invoiceFor = (orderId: string, count = 1) =>
    eventually(
      async () => {
        const invoices = await invoicesOf(orderId);
        return invoices.length >= count ? invoices : undefined;
      },
      20_000,
      `${count} invoice(s) for order ${orderId}`,
    );
  const pay = (invoice: InvoiceView, amountMinor: number, extra: { currency?: Currency; key?: string } = {}) =>
    rpc.request(
      BillingSubjects.recordPayment,
      {
        invoiceId: invoice.id,
        amountMinor,
        currency: extra.currency ?? invoice.currency,
        method: 'BANK_TRANSFER',
        reference: 'BANK-REF',
      },
      finance,
      { idempotencyKey: extra.key },
    );
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM billing.${table}`))[0].n;

  beforeAll(async () => {
    h = await startTestApp(billingService);
    ({ db, rpc } = h);
    producers = fakeProducers(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('posts one invoice per shipment, numbered INV-000001 and INV-000002, priced at the order prices', async () => {
    await producers.orderPlaced(first);
    await producers.linesShipped(aShipment(first, [2, 0]));
    await invoiceFor(first.orderId, 1);
    await producers.linesShipped(aShipment(first, [1, 2]));
    const [one, two] = await invoiceFor(first.orderId, 2);

    expect(one).toMatchObject({
      number: 'INV-000001',
      series: 'INV',
      status: 'POSTED',
      customerId: customerA,
      currency: 'EUR',
    });
    expect(one).toMatchObject({ orderNumber: first.number, totalMinor: 3998, paidMinor: 0, openMinor: 3998 });
    expect(one.lines).toEqual([
      {
        lineNo: 1,
        kind: 'ORDER_LINE',
        orderLineId: first.lines[0].lineId,
        sku: 'V123',
        quantity: 2,
        unitPriceMinor: 1999,
        lineTotalMinor: 3998,
      },
    ]);
    expect(two).toMatchObject({ number: 'INV-000002', totalMinor: 2999 });
    expect(two.lines.map((l) => [l.sku, l.quantity, l.lineTotalMinor])).toEqual([
      ['V123', 1, 1999],
      ['W456', 2, 1000],
    ]);
    const items = await db.query<{ original_minor: string; open_minor: string; days: number }>(
      `SELECT a.original_minor, a.open_minor, a.due_date - (i.posted_at AT TIME ZONE 'UTC')::date AS days
         FROM billing.ar_open_items a JOIN billing.invoices i ON i.id = a.invoice_id ORDER BY i.seq`,
    );
    expect(items).toEqual([
      { original_minor: 3998, open_minor: 3998, days: 30 },
      { original_minor: 2999, open_minor: 2999, days: 30 },
    ]);
    expect(await rpc.request(BillingSubjects.getInvoice, { id: one.id })).toEqual(one);
  });

  it('waits for the order when its shipment arrives first, then invoices it', async () => {
    const order = anOrder(customerB, [{ sku: 'X789', quantity: 4, unitPriceMinor: 250 }]);
    const known = anOrder(customerB, [{ sku: 'X789', quantity: 1, unitPriceMinor: 250 }]);
    await producers.orderPlaced(known);
    await producers.linesShipped(aShipment(order, [4]));
    // Billing takes shipments one at a time in stream order: once the shipment of a known order,
    // sent after the early one, is invoiced, the early one has been handled (and set aside).
    await producers.linesShipped(aShipment(known, [1]));
    const [marker] = await invoiceFor(known.orderId);
    expect(await invoicesOf(order.orderId)).toEqual([]);
    expect(marker).toMatchObject({ number: 'INV-000003', totalMinor: 250 });

    await producers.orderPlaced(order);
    const [invoice] = await invoiceFor(order.orderId);
    expect(invoice).toMatchObject({ number: 'INV-000004', customerId: customerB, totalMinor: 1000 });
  });

  it('invoices a redelivered or re-sent shipment event once', async () => {
    const order = anOrder(customerA, [{ sku: 'V123', quantity: 1, unitPriceMinor: 1999 }]);
    await producers.orderPlaced(order);
    const shipment = aShipment(order, [1]);
    const stored = async () => (await producers.jsm.streams.info(EventStreams.orders.name)).state.messages;
    const before = await stored();
    const sent = await producers.linesShipped(shipment);
    await producers.linesShipped(shipment, { id: sent.id, msgID: `${sent.id}-again` });
    await producers.linesShipped(shipment); // same shipment under a new event id
    expect(await stored()).toBe(before + 3); // JetStream kept all three: only billing can drop the duplicates
    await producers.settled(EventStreams.orders.name);

    const invoices = await invoicesOf(order.orderId);
    expect(invoices.map((i) => [i.number, i.totalMinor])).toEqual([['INV-000005', 1999]]);
    const [inv] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM billing.invoices WHERE shipment_id = $1`,
      [shipment.shipmentId],
    );
    expect(inv.n).toBe(1);
    expect(await db.query(`SELECT code, next_number FROM billing.invoice_series WHERE code = 'INV'`)).toEqual([
      { code: 'INV', next_number: 6 },
    ]);
  });

  it('publishes invoice posted on BILLING_EVENTS exactly once per invoice', async () => {
    const invoices = await db.query<{ id: string; number: string; total_minor: number }>(
      `SELECT id, number, total_minor FROM billing.invoices`,
    );
    const events = await eventually(
      async () => {
        const read = await producers.read<InvoicePostedEvent>(EventStreams.billing.name, BillingSubjects.invoicePosted);
        return read.length >= invoices.length ? read : undefined;
      },
      20_000,
      'invoice posted events',
    );
    expect(events.map((e) => e.data.invoiceId).sort()).toEqual(invoices.map((i) => i.id).sort());
    for (const invoice of invoices) {
      const event = events.find((e) => e.data.invoiceId === invoice.id)!;
      expect(event.data).toMatchObject({
        number: invoice.number,
        totalMinor: invoice.total_minor,
        series: 'INV',
      });
    }
  });

  it('makes an invoice PARTLY_PAID and then PAID, settling its open item', async () => {
    const [invoice] = await invoicesOf(first.orderId);
    const part = await pay(invoice, 1000);
    expect(part).toMatchObject({ amountMinor: 1000, currency: 'EUR', method: 'BANK_TRANSFER', reference: 'BANK-REF' });
    expect(part.invoice).toMatchObject({ status: 'PARTLY_PAID', paidMinor: 1000, openMinor: 2998 });
    const rest = await pay(invoice, 2998);
    expect(rest.invoice).toMatchObject({ id: invoice.id, status: 'PAID', paidMinor: 3998, openMinor: 0 });
    const [item] = await db.query(`SELECT open_minor FROM billing.ar_open_items WHERE invoice_id = $1`, [invoice.id]);
    expect(item).toEqual({ open_minor: 0 });
    const actors = await db.query(`SELECT actor FROM billing.payments WHERE invoice_id = $1`, [invoice.id]);
    expect(actors).toEqual([{ actor: 'fin-1' }, { actor: 'fin-1' }]);
    const recorded = await eventually(
      async () => {
        const read = await producers.read<{ paymentId: string; invoiceStatus: string }>(
          EventStreams.billing.name,
          BillingSubjects.paymentRecorded,
        );
        return read.length >= 2 ? read : undefined;
      },
      20_000,
      'payment recorded events',
    );
    expect(recorded.map((e) => [e.data.paymentId, e.data.invoiceStatus])).toEqual([
      [part.id, 'PARTLY_PAID'],
      [rest.id, 'PAID'],
    ]);
  });

  it('refuses overpayment, a wrong currency and an unknown invoice, changing nothing', async () => {
    const [paid, open] = await invoicesOf(first.orderId);
    const before = {
      payments: await count('payments'),
      items: await db.query(`SELECT * FROM billing.ar_open_items ORDER BY id`),
    };

    await expect(pay(open, 3000)).rejects.toMatchObject({ code: 'OVERPAYMENT', details: { openMinor: 2999 } });
    await expect(pay(paid, 1)).rejects.toMatchObject({ code: 'OVERPAYMENT', details: { openMinor: 0 } });
    await expect(pay(open, 100, { currency: 'USD' })).rejects.toMatchObject({ code: 'CURRENCY_MISMATCH' });
    await expect(pay({ ...open, id: randomUUID() }, 100)).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    await expect(pay(open, 0)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    expect(await rpc.request(BillingSubjects.getInvoice, { id: open.id })).toEqual(open);
    expect(await count('payments')).toBe(before.payments);
    expect(await db.query(`SELECT * FROM billing.ar_open_items ORDER BY id`)).toEqual(before.items);
  });

  it('pays once per idempotency key and refuses the key for a different payment', async () => {
    const [, invoice] = await invoicesOf(first.orderId);
    const key = `pay-${randomUUID()}`;
    const once = await pay(invoice, 999, { key });
    const again = await pay(invoice, 999, { key });
    expect(again.id).toBe(once.id);
    expect(again.invoice).toMatchObject({ paidMinor: 999, status: 'PARTLY_PAID' });
    await expect(pay(invoice, 500, { key })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM billing.payments WHERE invoice_id = $1`,
      [invoice.id],
    );
    expect(row.n).toBe(1);
  });

  it('never lets concurrent payments pay more than the invoice total', async () => {
    const order = anOrder(customerA, [{ sku: 'V123', quantity: 1, unitPriceMinor: 950 }]);
    await producers.orderPlaced(order);
    await producers.linesShipped(aShipment(order, [1]));
    const [invoice] = await invoiceFor(order.orderId);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => pay(invoice, 100)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(9);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(11).fill('OVERPAYMENT'),
    );
    const after = await rpc.request(BillingSubjects.getInvoice, { id: invoice.id });
    expect(after).toMatchObject({ paidMinor: 900, openMinor: 50, status: 'PARTLY_PAID' });
  });

  it('keeps a customer caller to its own invoices', async () => {
    const asA: Caller = { actorId: 'key-a', role: 'customer', customerId: customerA };
    const [mine] = await invoicesOf(first.orderId);
    const [theirs] = (await rpc.request(BillingSubjects.listInvoices, {})).items.filter(
      (i) => i.customerId === customerB,
    );

    expect(await rpc.request(BillingSubjects.getInvoice, { id: mine.id }, asA)).toEqual(mine);
    await expect(rpc.request(BillingSubjects.getInvoice, { id: theirs.id }, asA)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const listed = await rpc.request(BillingSubjects.listInvoices, {}, asA);
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.items.every((i) => i.customerId === customerA)).toBe(true);
    const none = await rpc.request(BillingSubjects.listInvoices, { orderId: theirs.orderId }, asA);
    expect(none).toMatchObject({ items: [], total: 0 });
    await expect(
      rpc.request(
        BillingSubjects.recordPayment,
        { invoiceId: mine.id, amountMinor: 1, currency: 'EUR', method: 'CARD' },
        asA,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      rpc.request(BillingSubjects.getInvoice, { id: mine.id }, { actorId: 'k', role: 'customer' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(rpc.request(BillingSubjects.getInvoice, { id: randomUUID() })).rejects.toMatchObject({
      code: 'INVOICE_NOT_FOUND',
    });
  });

  it('invoices what orders says a shipment makes billable: a kit once, with its last component, and nothing it says is not billable', async () => {
    const kitLineId = randomUUID();
    const order = anOrderPlaced({
      customerId: customerA,
      lines: [
        { lineId: kitLineId, sku: 'KIT-1', quantity: 2, unitPriceMinor: 5000, kind: 'KIT' },
        { sku: 'K-A', quantity: 4, unitPriceMinor: 0, kind: 'COMPONENT', parentLineId: kitLineId },
        { sku: 'K-B', quantity: 2, unitPriceMinor: 0, kind: 'COMPONENT', parentLineId: kitLineId },
      ],
    });
    await producers.orderPlaced(order);
    // Orders: the first shipment has every K-A but no K-B, so no kit is complete yet.
    await producers.linesShipped(aShipment(order, [0, 4, 0]));
    const [first] = await invoiceFor(order.orderId, 1);
    expect(first).toMatchObject({ totalMinor: 0 });
    expect(first.lines.map((l) => [l.sku, l.quantity, l.lineTotalMinor])).toEqual([['K-A', 4, 0]]);
    // The second ships the K-Bs and, orders says, completes both kits.
    await producers.linesShipped(
      aShipment(
        order,
        [0, 0, 2],
        [
          { orderLineId: order.lines[2].lineId, quantity: 2 },
          { orderLineId: kitLineId, quantity: 2 },
        ],
      ),
    );
    const [, second] = await invoiceFor(order.orderId, 2);
    expect(second).toMatchObject({ totalMinor: 10000 });
    expect(second.lines.map((l) => [l.sku, l.quantity, l.lineTotalMinor])).toEqual([
      ['K-B', 2, 0],
      ['KIT-1', 2, 10000],
    ]);
    // A shipment orders says bills nothing (a loss/reshipment, an order billed at entry) makes no invoice.
    const loss = anOrder(customerA, [{ sku: 'V123', quantity: 1, unitPriceMinor: 1999 }]);
    await producers.orderPlaced(loss);
    await producers.linesShipped(aShipment(loss, [1], []));
    const marker = anOrder(customerA, [{ sku: 'V123', quantity: 1, unitPriceMinor: 1 }]);
    await producers.orderPlaced(marker);
    await producers.linesShipped(aShipment(marker, [1]));
    await invoiceFor(marker.orderId);
    expect(await invoicesOf(loss.orderId)).toEqual([]);
    const kitLines = (await invoicesOf(order.orderId)).flatMap((i) => i.lines).filter((l) => l.sku === 'KIT-1');
    expect(kitLines).toHaveLength(1);
  });
});
