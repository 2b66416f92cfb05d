import type {
  CustomerView,
  InvoiceView,
  LineActionReply,
  OrderView,
  Page,
  PickTicketView,
  ProcessRecurringReply,
  QuoteComparisonView,
} from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/** Order types and line actions through the gateway, against every service running for real. */
describe('order types, Ref Order ID chains and line actions', () => {
  let system: TestSystem;
  let admin: Api;
  let sales: Api;
  let customerKey: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    for (const [sku, price] of [
      ['Q-1', 1000],
      ['Q-2', 250],
    ] as const) {
      await admin.post('/items', { sku, name: `Item ${sku}` }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 100 }).expect(201);
      await admin.post('/prices', { sku, currency: 'EUR', unitPriceMinor: price }).expect(201);
    }
    customer = (
      await admin
        .post('/customers', {
          name: 'Types Ltd',
          type: 'WHOLESALE',
          paymentTerms: 'NET30',
          defaultShipFrom: 'WH1',
          addresses: [
            {
              kind: 'SHIP_TO',
              name: 'Dock 4',
              line1: '1 Quay',
              city: 'Rotterdam',
              postalCode: '3011 AA',
              country: 'NL',
            },
          ],
        })
        .expect(201)
    ).body;
    sales = admin.as((await admin.post('/api-keys', { name: 'sales-1', role: 'sales' }).expect(201)).body.key);
    customerKey = admin.as(
      (await admin.post('/api-keys', { name: 'types-shop', role: 'customer', customerId: customer.id }).expect(201))
        .body.key,
    );
  });

  afterAll(async () => {
    await system?.stop();
  });

  const get = async (id: string): Promise<OrderView> => (await admin.get(`/orders/${id}`).expect(200)).body;

  it('keeps customers with type, terms, default ship-from and a default ship-to address', () => {
    expect(customer).toMatchObject({
      type: 'WHOLESALE',
      paymentTerms: 'NET30',
      defaultShipFrom: 'WH1',
      prepaid: false,
    });
    expect(customer.addresses).toEqual([
      expect.objectContaining({ kind: 'SHIP_TO', city: 'Rotterdam', isDefault: true }),
    ]);
  });

  it('turns a quote into an order that refers back to it, with a quoted-versus-actual report', async () => {
    const quote: OrderView = (
      await sales
        .post('/orders', {
          type: 'QUOTE',
          customerId: customer.id,
          lines: [
            { sku: 'Q-1', quantity: 2 },
            { sku: 'Q-2', quantity: 4 },
          ],
        })
        .expect(201)
    ).body;
    expect(quote).toMatchObject({ type: 'QUOTE', status: 'QUOTE', totalMinor: 3000 });
    expect(quote.number).toMatch(/^QT-\d{6}$/);
    expect(quote.lines.every((l) => l.reservedQuantity === 0)).toBe(true);
    const stock = (await admin.get('/stock?sku=Q-1').expect(200)).body;
    expect(stock.items[0].reserved).toBe(0);

    await admin.post('/prices', { sku: 'Q-1', currency: 'EUR', unitPriceMinor: 1100 }).expect(201);
    const order: OrderView = (await sales.post(`/quotes/${quote.id}/convert`).expect(201)).body;
    expect(order).toMatchObject({
      type: 'ORDER',
      status: 'OPEN',
      references: { parent: { id: quote.id, number: quote.number, type: 'QUOTE' } },
    });
    expect(order.number).toMatch(/^SO-\d{6}$/);
    expect(order.lines.map((l) => [l.sku, l.unitPriceMinor, l.quotedUnitPriceMinor, l.reservedQuantity])).toEqual([
      ['Q-1', 1100, 1000, 2],
      ['Q-2', 250, 250, 4],
    ]);
    expect((await get(quote.id)).references.children).toEqual([{ id: order.id, number: order.number, type: 'ORDER' }]);
    const report: QuoteComparisonView = (await sales.get(`/quotes/${quote.id}/comparison`).expect(200)).body;
    expect(report).toMatchObject({ quotedTotalMinor: 3000, actualTotalMinor: 3200 });
    expect(report.lines[0]).toMatchObject({
      sku: 'Q-1',
      quotedUnitPriceMinor: 1000,
      actualUnitPriceMinor: 1100,
      differenceMinor: 100,
    });
    const again = await sales.post(`/quotes/${quote.id}/convert`).expect(409);
    expect(again.body.detail).toContain(`already converted to ${order.number}`);
  });

  it('refuses quotes from customers and Backorders entered by hand, changing nothing', async () => {
    const before: Page<OrderView> = (await admin.get('/orders?limit=1').expect(200)).body;
    const quote = await customerKey
      .post('/orders', { type: 'QUOTE', customerId: customer.id, lines: [{ sku: 'Q-1', quantity: 1 }] })
      .expect(403);
    expect(quote.body.code).toBe('FORBIDDEN');
    const backorder = await admin
      .post('/orders', { type: 'BACKORDER', customerId: customer.id, lines: [{ sku: 'Q-1', quantity: 1 }] })
      .expect(400);
    expect(backorder.body.errors).toEqual([
      { field: 'type', problems: [expect.stringContaining('Backorders are created only by the system')] },
    ]);
    const after: Page<OrderView> = (await admin.get('/orders?limit=1').expect(200)).body;
    expect(after.total).toBe(before.total);
    const own: OrderView = (
      await customerKey.post('/orders', { customerId: customer.id, lines: [{ sku: 'Q-2', quantity: 1 }] }).expect(201)
    ).body;
    expect(own.type).toBe('ORDER');
  });

  it('makes each recurring order once, even when the run is repeated', async () => {
    const template: OrderView = (
      await admin
        .post('/orders', {
          type: 'RECURRING',
          customerId: customer.id,
          recurrence: { every: 'MONTH', startOn: '2026-01-15' },
          lines: [{ sku: 'Q-2', quantity: 1 }],
        })
        .expect(201)
    ).body;
    expect(template).toMatchObject({
      type: 'RECURRING',
      status: 'TEMPLATE',
      recurrence: { every: 'MONTH', interval: 1, nextRunOn: '2026-01-15' },
    });
    await sales.post('/recurring-orders/process', { asOf: '2026-03-20' }).expect(403);
    const [first, second]: ProcessRecurringReply[] = (
      await Promise.all([
        admin.post('/recurring-orders/process', { asOf: '2026-03-20' }).expect(200),
        admin.post('/recurring-orders/process', { asOf: '2026-03-20' }).expect(200),
      ])
    ).map((r) => r.body);
    expect(first.created.length + second.created.length).toBe(3);
    const third: ProcessRecurringReply = (
      await admin.post('/recurring-orders/process', { asOf: '2026-03-20' }).expect(200)
    ).body;
    expect(third.created).toEqual([]);
    const children = (await get(template.id)).references.children;
    expect(children).toHaveLength(3);
    expect(children.every((c) => c.type === 'ORDER')).toBe(true);
    expect((await get(template.id)).recurrence?.nextRunOn).toBe('2026-04-15');
    // Each order is dated the day it was due, so a late run still tells which period it bills.
    const dates = await Promise.all(children.map(async (c) => (await get(c.id)).orderDate));
    expect(dates.sort()).toEqual(['2026-01-15T00:00:00.000Z', '2026-02-15T00:00:00.000Z', '2026-03-15T00:00:00.000Z']);
    const made = await get(children[0].id);
    expect(made.references.parent).toMatchObject({ id: template.id, type: 'RECURRING' });
    expect(made.lines[0]).toMatchObject({ sku: 'Q-2', quantity: 1, reservedQuantity: 1 });
  });

  it('holds and releases a line, and refuses to hold what is not Active', async () => {
    const order: OrderView = (
      await sales.post('/orders', { customerId: customer.id, lines: [{ sku: 'Q-1', quantity: 1 }] }).expect(201)
    ).body;
    const line = order.lines[0];
    const held: LineActionReply = (await sales.post(`/orders/${order.id}/lines/${line.id}/hold`).expect(200)).body;
    expect(held.order.lines[0]).toMatchObject({ lineStatus: 'HELD', fulfillStatus: 'NOT_FULFILLED' });
    const twice = await sales.post(`/orders/${order.id}/lines/${line.id}/hold`).expect(409);
    expect(twice.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { lineStatus: 'HELD' } });
    // Held lines are not picked: wait until the warehouse has heard of the order and of the hold
    // (its pick demand for the line is there and marked held), then print tickets.
    await eventually(
      async () => {
        const demand = await system.db.query<{ held: boolean }>(
          `SELECT held FROM warehouse.pick_demand WHERE order_line_id = $1`,
          [line.id],
        );
        return demand.length > 0 && demand.every((d) => d.held) ? true : undefined;
      },
      15_000,
      'the warehouse to hold the pick demand of the line',
    );
    const whileHeld: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
    expect(whileHeld.filter((t) => t.orderId === order.id)).toEqual([]);
    const active: LineActionReply = (await sales.post(`/orders/${order.id}/lines/${line.id}/make-active`).expect(200))
      .body;
    expect(active.order.lines[0].lineStatus).toBe('ACTIVE');
    await sales.post(`/orders/${order.id}/lines/${line.id}/make-active`).expect(409);
    const ticket = await eventually(
      async () => {
        const generated: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return generated.find((t) => t.orderId === order.id);
      },
      15_000,
      'a ticket once the line is active',
    );
    expect(ticket.lines[0]).toMatchObject({ orderLineId: line.id, quantity: 1 });
  });

  it('pre-ships a line with a shipping fee only when the fee removal is confirmed', async () => {
    const order: OrderView = (
      await sales
        .post('/orders', { customerId: customer.id, lines: [{ sku: 'Q-2', quantity: 2, shipFeeMinor: 495 }] })
        .expect(201)
    ).body;
    const line = order.lines[0];
    expect(line.shipFeeMinor).toBe(495);
    const warned: LineActionReply = (await sales.post(`/orders/${order.id}/lines/${line.id}/pre-ship`, {}).expect(200))
      .body;
    expect(warned).toMatchObject({ changed: false, warning: expect.stringContaining('shipping fee of 495') });
    expect(warned.order.lines[0]).toMatchObject({ fulfillStatus: 'NOT_FULFILLED', shipFeeMinor: 495 });
    const done: LineActionReply = (
      await sales.post(`/orders/${order.id}/lines/${line.id}/pre-ship`, { confirmRemoveShippingFee: true }).expect(200)
    ).body;
    expect(done).toMatchObject({ changed: true });
    expect(done.order.lines[0]).toMatchObject({ lineStatus: 'ACTIVE', fulfillStatus: 'PRE_SHIPPED', shipFeeMinor: 0 });
    await sales.post(`/orders/${order.id}/lines/${line.id}/pre-ship`, { confirmRemoveShippingFee: true }).expect(409);
    // Pre-shipping made the line billable.
    const invoice = await eventually(
      async () => {
        const page: Page<InvoiceView> = (await admin.get(`/invoices?orderId=${order.id}`).expect(200)).body;
        return page.items[0];
      },
      15_000,
      'the pre-shipped line invoiced',
    );
    expect(invoice).toMatchObject({
      totalMinor: 500,
      lines: [expect.objectContaining({ orderLineId: line.id, quantity: 2 })],
    });
    expect(invoice.shipmentId).toBeUndefined();
  });

  it('bills a one-step invoice order at entry and never invoices a loss/reshipment', async () => {
    const counter: OrderView = (
      await sales
        .post('/orders', { type: 'INVOICE', customerId: customer.id, lines: [{ sku: 'Q-2', quantity: 3 }] })
        .expect(201)
    ).body;
    expect(counter.number).toMatch(/^IO-\d{6}$/);
    expect(counter.lines[0]).toMatchObject({ fulfillStatus: 'PRE_SHIPPED', lineStatus: 'ACTIVE' });
    const billed = await eventually(
      async () => {
        const order = await get(counter.id);
        return order.status === 'INVOICED' ? order : undefined;
      },
      15_000,
      'the one-step order invoiced',
    );
    expect(billed.invoicedMinor).toBe(750);
    const reservedBefore = ((await admin.get('/stock?sku=Q-2').expect(200)).body as Page<{ reserved: number }>).items[0]
      .reserved;
    const short = await sales
      .post('/orders', { type: 'INVOICE', customerId: customer.id, lines: [{ sku: 'Q-2', quantity: 1000 }] })
      .expect(409);
    expect(short.body).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { lines: [expect.objectContaining({ sku: 'Q-2', requested: 1000 })] },
    });
    expect(((await admin.get('/stock?sku=Q-2').expect(200)).body as Page<{ reserved: number }>).items[0].reserved).toBe(
      reservedBefore,
    );

    const loss: OrderView = (
      await sales
        .post('/orders', { type: 'LOSS_RESHIPMENT', customerId: customer.id, lines: [{ sku: 'Q-1', quantity: 1 }] })
        .expect(201)
    ).body;
    expect(loss.number).toMatch(/^LR-\d{6}$/);
    const ticket = await eventually(
      async () => {
        const generated: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return generated.find((t) => t.orderId === loss.id);
      },
      15_000,
      'a ticket for the reshipment',
    );
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body;
    await admin.post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: 'LR-1' }).expect(200);
    const closed = await eventually(
      async () => {
        const order = await get(loss.id);
        return order.status === 'CLOSED' ? order : undefined;
      },
      15_000,
      'the reshipment closed',
    );
    expect(closed.invoicedMinor).toBe(0);
    const invoices: Page<InvoiceView> = (await admin.get(`/invoices?orderId=${loss.id}`).expect(200)).body;
    expect(invoices.total).toBe(0);
  });

  it('cancels an untouched order but refuses once a pick ticket is out', async () => {
    const untouched: OrderView = (
      await sales.post('/orders', { customerId: customer.id, lines: [{ sku: 'Q-1', quantity: 3 }] }).expect(201)
    ).body;
    expect(untouched.lines[0].reservedQuantity).toBe(3);
    const cancelled: OrderView = (await sales.post(`/orders/${untouched.id}/cancel`).expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'CANCELLED' });
    expect(cancelled.lines[0]).toMatchObject({
      lineStatus: 'CANCELLED',
      fulfillStatus: 'NOT_FULFILLED',
      reservedQuantity: 0,
    });

    const picked: OrderView = (
      await sales.post('/orders', { customerId: customer.id, lines: [{ sku: 'Q-1', quantity: 1 }] }).expect(201)
    ).body;
    await eventually(
      async () => {
        const tickets: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        const all: Page<PickTicketView> = (await admin.get(`/pick-tickets?orderId=${picked.id}`).expect(200)).body;
        return all.total > 0 || tickets.some((t) => t.orderId === picked.id) ? true : undefined;
      },
      15_000,
      'a pick ticket for the order',
    );
    await eventually(
      async () => ((await get(picked.id)).lines[0].fulfillStatus === 'PACKING_SLIP_PRINTED' ? true : undefined),
      15_000,
      'packing slip printed',
    );
    const refused = await sales.post(`/orders/${picked.id}/cancel`).expect(409);
    expect(refused.body.detail).toContain('re-open');
    expect((await get(picked.id)).status).toBe('OPEN');
  });

  it('edits an order until it is picked: quantities, prices and reservations follow', async () => {
    const stockOf = async (sku: string) =>
      ((await admin.get(`/stock?sku=${sku}`).expect(200)).body as Page<{ reserved: number }>).items[0].reserved;
    const order: OrderView = (
      await sales.post('/orders', { customerId: customer.id, lines: [{ sku: 'Q-1', quantity: 2 }] }).expect(201)
    ).body;
    const line = order.lines[0];
    const reservedBefore = await stockOf('Q-1');
    const changed = (await sales.patch(`/orders/${order.id}/lines/${line.id}`, { quantity: 5 }).expect(200)).body;
    expect(changed).toMatchObject({
      orderNumber: order.number,
      status: 'OPEN',
      totalMinor: 5500,
      line: { id: line.id, quantity: 5, reservedQuantity: 5, lineTotalMinor: 5500 },
    });
    expect(await stockOf('Q-1')).toBe(reservedBefore + 3);
    const added = (await sales.post(`/orders/${order.id}/lines`, { sku: 'Q-2', quantity: 2 }).expect(201)).body;
    expect(added).toMatchObject({
      totalMinor: 6000,
      line: { sku: 'Q-2', quantity: 2, lineNo: 2, reservedQuantity: 2 },
    });
    const zero = await sales.patch(`/orders/${order.id}/lines/${line.id}`, { quantity: 0 }).expect(400);
    expect(zero.body.errors[0].field).toBe('quantity');
    const removed = (await sales.delete(`/orders/${order.id}/lines/${added.line.id}`).expect(200)).body;
    expect(removed).toMatchObject({ totalMinor: 5500 });
    await sales.delete(`/orders/${order.id}/lines/${line.id}`).expect(409);
    expect((await get(order.id)).lines.map((l) => [l.sku, l.quantity])).toEqual([['Q-1', 5]]);
    // Cancelling gives the stock back.
    await sales.post(`/orders/${order.id}/cancel`).expect(200);
    expect(await stockOf('Q-1')).toBe(reservedBefore - 2);
  });

  it('keeps a prepaid order PROFORMA until it is paid in full, and only then picks it', async () => {
    const prepaid: CustomerView = (await admin.post('/customers', { name: 'Pays first', prepaid: true }).expect(201))
      .body;
    expect(prepaid).toMatchObject({ prepaid: true, paymentTerms: 'PREPAID' });
    const order: OrderView = (
      await sales.post('/orders', { customerId: prepaid.id, lines: [{ sku: 'Q-2', quantity: 2 }] }).expect(201)
    ).body;
    expect(order.lines[0]).toMatchObject({ lineStatus: 'PROFORMA', reservedQuantity: 2 });
    const invoice: InvoiceView = await eventually(
      async () => ((await admin.get(`/invoices?orderId=${order.id}`).expect(200)).body as Page<InvoiceView>).items[0],
      15_000,
      'the prepayment invoice',
    );
    expect(invoice.totalMinor).toBe(500);
    await admin
      .post('/payments', { invoiceId: invoice.id, amountMinor: 200, currency: 'EUR', method: 'BANK_TRANSFER' })
      .expect(201);
    const partly = await eventually(
      async () => {
        const o = await get(order.id);
        return o.paidMinor === 200 ? o : undefined;
      },
      15_000,
      'the partial payment seen by orders',
    );
    expect(partly.lines[0].lineStatus).toBe('PROFORMA');
    const generated: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
    expect(generated.filter((t) => t.orderId === order.id)).toEqual([]);
    await admin
      .post('/payments', { invoiceId: invoice.id, amountMinor: 300, currency: 'EUR', method: 'BANK_TRANSFER' })
      .expect(201);
    await eventually(
      async () => ((await get(order.id)).lines[0].lineStatus === 'ACTIVE' ? true : undefined),
      15_000,
      'lines active once paid',
    );
    const ticket = await eventually(
      async () => {
        const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return printed.find((t) => t.orderId === order.id);
      },
      15_000,
      'a pick ticket once paid',
    );
    expect(ticket.lines[0]).toMatchObject({ quantity: 2 });
  });

  it('defaults a line to PRE_SHIPPED only for an item neither inventoried nor linked to a warehouse, and bills it at entry', async () => {
    await admin.post('/items', { sku: 'SVC-1', name: 'Installation service', inventoried: false }).expect(201);
    await admin
      .post('/items', {
        sku: 'LINKED-1',
        name: 'Catalogue, not counted',
        inventoried: false,
        warehouseLocationCode: 'WH1',
        bin: 'A-01',
      })
      .expect(201);
    await admin.post('/prices', { sku: 'SVC-1', currency: 'EUR', unitPriceMinor: 5000 }).expect(201);
    await admin.post('/prices', { sku: 'LINKED-1', currency: 'EUR', unitPriceMinor: 300 }).expect(201);
    const order: OrderView = (
      await sales
        .post('/orders', {
          customerId: customer.id,
          lines: [
            { sku: 'SVC-1', quantity: 1 },
            { sku: 'LINKED-1', quantity: 2 },
            { sku: 'Q-2', quantity: 1 },
          ],
        })
        .expect(201)
    ).body;
    expect(order.lines.map((l) => [l.sku, l.lineStatus, l.fulfillStatus])).toEqual([
      ['SVC-1', 'ACTIVE', 'PRE_SHIPPED'],
      ['LINKED-1', 'ACTIVE', 'NOT_FULFILLED'],
      ['Q-2', 'ACTIVE', 'NOT_FULFILLED'],
    ]);
    const invoice: InvoiceView = await eventually(
      async () => ((await admin.get(`/invoices?orderId=${order.id}`).expect(200)).body as Page<InvoiceView>).items[0],
      15_000,
      'the handed-over line billed',
    );
    expect(invoice).toMatchObject({
      totalMinor: 5000,
      lines: [expect.objectContaining({ sku: 'SVC-1', quantity: 1 })],
    });
    const ticket = await eventually(
      async () => {
        const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return printed.find((t) => t.orderId === order.id);
      },
      15_000,
      'a ticket for the shipped lines',
    );
    expect(ticket.lines.map((l) => l.sku).sort()).toEqual(['LINKED-1', 'Q-2']);
  });

  it('gives a kit line component sub-lines that are reserved, picked and shipped, and bills the kit', async () => {
    for (const sku of ['K-A', 'K-B']) {
      await admin.post('/items', { sku, name: `Component ${sku}` }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 20 }).expect(201);
      await admin.post('/prices', { sku, currency: 'EUR', unitPriceMinor: 100 }).expect(201);
    }
    await admin
      .post('/items', {
        sku: 'KIT-1',
        name: 'Starter kit',
        inventoried: false,
        components: [
          { sku: 'K-A', quantity: 2 },
          { sku: 'K-B', quantity: 1 },
        ],
      })
      .expect(201);
    await admin.post('/prices', { sku: 'KIT-1', currency: 'EUR', unitPriceMinor: 5000 }).expect(201);
    const order: OrderView = (
      await sales.post('/orders', { customerId: customer.id, lines: [{ sku: 'KIT-1', quantity: 2 }] }).expect(201)
    ).body;
    const kit = order.lines.find((l) => l.kind === 'KIT')!;
    expect(kit).toMatchObject({ sku: 'KIT-1', quantity: 2, unitPriceMinor: 5000, fulfillStatus: 'NOT_FULFILLED' });
    expect(order.totalMinor).toBe(10000);
    const components = order.lines.filter((l) => l.kind === 'COMPONENT');
    expect(
      components.map((l) => [l.sku, l.quantity, l.parentLineId, l.reservedQuantity, l.unitPriceMinor, l.lineStatus]),
    ).toEqual([
      ['K-A', 4, kit.id, 4, 0, 'ACTIVE'],
      ['K-B', 2, kit.id, 2, 0, 'ACTIVE'],
    ]);
    const ticket = await eventually(
      async () => {
        const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return printed.find((t) => t.orderId === order.id);
      },
      15_000,
      'a ticket for the components',
    );
    expect(ticket.lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
      ['K-A', 4],
      ['K-B', 2],
    ]);
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body;
    await admin.post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: 'KIT-1' }).expect(200);
    const done = await eventually(
      async () => {
        const o = await get(order.id);
        return o.status === 'INVOICED' ? o : undefined;
      },
      15_000,
      'the kit order invoiced',
    );
    expect(done.lines.find((l) => l.kind === 'KIT')).toMatchObject({
      fulfillStatus: 'SHIPPED',
      shippedQuantity: 2,
      invoicedQuantity: 2,
    });
    expect(done.lines.filter((l) => l.kind === 'COMPONENT').map((l) => l.fulfillStatus)).toEqual([
      'SHIPPED',
      'SHIPPED',
    ]);
    expect(done.invoicedMinor).toBe(10000);
  });

  it('bills a kit exactly once, with the shipment of its last component, when its components ship apart', async () => {
    for (const sku of ['K2-A', 'K2-B']) {
      await admin.post('/items', { sku, name: `Component ${sku}` }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 20 }).expect(201);
    }
    await admin
      .post('/items', {
        sku: 'KIT-2',
        name: 'Two-part kit',
        inventoried: false,
        components: [
          { sku: 'K2-A', quantity: 2 },
          { sku: 'K2-B', quantity: 1 },
        ],
      })
      .expect(201);
    await admin.post('/prices', { sku: 'KIT-2', currency: 'EUR', unitPriceMinor: 5000 }).expect(201);
    const order: OrderView = (
      await sales.post('/orders', { customerId: customer.id, lines: [{ sku: 'KIT-2', quantity: 2 }] }).expect(201)
    ).body;
    const kit = order.lines.find((l) => l.kind === 'KIT')!;
    const [a, b] = ['K2-A', 'K2-B'].map((sku) => order.lines.find((l) => l.sku === sku)!);
    const ticketFor = (what: string) =>
      eventually(
        async () => {
          const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
          return printed.find((t) => t.orderId === order.id);
        },
        15_000,
        what,
      );
    const invoices = async (): Promise<InvoiceView[]> =>
      ((await admin.get(`/invoices?orderId=${order.id}`).expect(200)).body as Page<InvoiceView>).items.sort((x, y) =>
        x.number.localeCompare(y.number),
      );

    // The first shipment has every K2-A and no K2-B (it was not picked): no kit is complete.
    const first = await ticketFor('a ticket for both components');
    await admin
      .post(`/pick-tickets/${first.id}/picks`, { lines: [{ orderLineId: a.id, quantity: a.quantity }] })
      .expect(200);
    const firstShipment = (await admin.post(`/pick-tickets/${first.id}/pack`, {}).expect(201)).body;
    await admin.post(`/shipments/${firstShipment.id}/ship`, { carrier: 'DHL', trackingNumber: 'KIT-2a' }).expect(200);
    const [components] = await eventually(
      async () => {
        const found = await invoices();
        return found.length === 1 ? found : undefined;
      },
      15_000,
      'the first shipment invoiced',
    );
    expect(components).toMatchObject({ shipmentId: firstShipment.id, totalMinor: 0 });
    expect(components.lines.map((l) => [l.sku, l.quantity])).toEqual([['K2-A', 4]]);
    const between = await get(order.id);
    expect(between.lines.find((l) => l.id === kit.id)).toMatchObject({ shippedQuantity: 0, invoicedQuantity: 0 });

    // The second ships the K2-Bs, which completes both kits: the kit is billed now, and only now.
    const second = await ticketFor('a ticket for the rest');
    expect(second.lines.map((l) => [l.orderLineId, l.quantity])).toEqual([[b.id, b.quantity]]);
    await admin.post(`/pick-tickets/${second.id}/picks`, {}).expect(200);
    const secondShipment = (await admin.post(`/pick-tickets/${second.id}/pack`, {}).expect(201)).body;
    await admin.post(`/shipments/${secondShipment.id}/ship`, { carrier: 'DHL', trackingNumber: 'KIT-2b' }).expect(200);
    const done = await eventually(
      async () => {
        const o = await get(order.id);
        return o.status === 'INVOICED' ? o : undefined;
      },
      15_000,
      'the kit order invoiced',
    );
    expect(done.invoicedMinor).toBe(10000);
    expect(done.lines.find((l) => l.id === kit.id)).toMatchObject({
      fulfillStatus: 'SHIPPED',
      shippedQuantity: 2,
      invoicedQuantity: 2,
    });
    const all = await invoices();
    expect(all.map((i) => [i.shipmentId, i.totalMinor])).toEqual([
      [firstShipment.id, 0],
      [secondShipment.id, 10000],
    ]);
    expect(all[1].lines.map((l) => [l.sku, l.quantity, l.lineTotalMinor])).toEqual([
      ['K2-B', 2, 0],
      ['KIT-2', 2, 10000],
    ]);
    expect(all.flatMap((i) => i.lines).filter((l) => l.orderLineId === kit.id)).toHaveLength(1);
  });

  it('lists orders by type, status, customer and date', async () => {
    const quotes: Page<OrderView> = (await admin.get(`/orders?type=QUOTE&customerId=${customer.id}`).expect(200)).body;
    expect(quotes.items.every((o) => o.type === 'QUOTE')).toBe(true);
    expect(quotes.total).toBe(1);
    const cancelled: Page<OrderView> = (await admin.get('/orders?status=CANCELLED').expect(200)).body;
    expect(cancelled.total).toBe(2);
    expect(cancelled.items.every((o) => o.status === 'CANCELLED')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const dated: Page<OrderView> = (await admin.get(`/orders?from=${today}&to=${today}&limit=100`).expect(200)).body;
    const all: Page<OrderView> = (await admin.get('/orders?limit=100').expect(200)).body;
    // Everything was entered today except the recurring orders, dated the days they were due.
    const recurringRun: Page<OrderView> = (
      await admin.get('/orders?from=2026-01-01&to=2026-03-31&limit=100').expect(200)
    ).body;
    expect(recurringRun.items.map((o) => o.orderDate.slice(0, 10)).sort()).toEqual([
      '2026-01-15',
      '2026-02-15',
      '2026-03-15',
    ]);
    expect(dated.items.every((o) => o.orderDate.startsWith(today))).toBe(true);
    expect(dated.total).toBe(all.total - recurringRun.total);
    const bad = await admin.get('/orders?status=LOST').expect(400);
    expect(bad.body.errors[0].field).toBe('status');
  });
});
