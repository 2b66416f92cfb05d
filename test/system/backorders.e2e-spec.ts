import type { CustomerView, InvoiceView, OrderView, Page, PickTicketView, StockLevelView } from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/** Partly fulfilled and invoiced orders produce Backorders, each pointing to the original order (its Ref Order ID). */
describe('automatic Backorders and the Ref Order ID chain', () => {
  let system: TestSystem;
  let admin: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'BO-ITEM', name: 'Back-ordered item' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'BO-ITEM', locationCode: 'WH1', quantity: 10 }).expect(201);
    await admin.post('/prices', { sku: 'BO-ITEM', currency: 'EUR', unitPriceMinor: 100 }).expect(201);
    customer = (await admin.post('/customers', { name: 'Patient buyer' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const order = async (id: string): Promise<OrderView> => (await admin.get(`/orders/${id}`).expect(200)).body;
  const ticketFor = (orderId: string) =>
    eventually(
      async () => {
        const printed: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return printed.find((t) => t.orderId === orderId);
      },
      15_000,
      `a pick ticket for ${orderId}`,
    );

  /** Picks `quantity` of the order's only line, packs and ships it. */
  async function shipPart(orderId: string, quantity: number): Promise<void> {
    const ticket = await ticketFor(orderId);
    await admin
      .post(`/pick-tickets/${ticket.id}/picks`, { lines: [{ orderLineId: ticket.lines[0].orderLineId, quantity }] })
      .expect(200);
    const shipment = (await admin.post(`/pick-tickets/${ticket.id}/pack`, {}).expect(201)).body;
    await admin
      .post(`/shipments/${shipment.id}/ship`, {
        carrier: 'DHL',
        trackingNumber: `BO-${orderId.slice(0, 6)}-${quantity}`,
      })
      .expect(200);
  }

  async function backorderOf(orderId: string, known: string[]): Promise<OrderView> {
    const list: Page<OrderView> = await eventually(
      async () => {
        const page: Page<OrderView> = (await admin.get('/orders?type=BACKORDER&limit=50').expect(200)).body;
        return page.items.some((o) => !known.includes(o.id)) ? page : undefined;
      },
      20_000,
      `a Backorder after ${orderId}`,
    );
    return list.items.find((o) => !known.includes(o.id))!;
  }

  it('moves the unfilled remainder to a Backorder, and a partly filled Backorder to another, all pointing to the original', async () => {
    const original: OrderView = (
      await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'BO-ITEM', quantity: 10 }] }).expect(201)
    ).body;
    await shipPart(original.id, 6);
    const first = await backorderOf(original.id, []);
    expect(first.number).toMatch(/^BO-\d{6}$/);
    expect(first).toMatchObject({
      type: 'BACKORDER',
      orderDate: original.orderDate,
      references: { parent: { id: original.id, type: 'ORDER' } },
    });
    expect(first.lines).toEqual([
      expect.objectContaining({
        sku: 'BO-ITEM',
        quantity: 4,
        unitPriceMinor: 100,
        lineStatus: 'ACTIVE',
        reservedQuantity: 4,
      }),
    ]);
    const invoiced = await eventually(
      async () => {
        const o = await order(original.id);
        return o.status === 'INVOICED' ? o : undefined;
      },
      15_000,
      'the original invoiced for what shipped',
    );
    expect(invoiced.lines[0]).toMatchObject({
      quantity: 10,
      shippedQuantity: 6,
      movedQuantity: 4,
      invoicedQuantity: 6,
      fulfillStatus: 'SHIPPED',
    });
    expect(invoiced.invoicedMinor).toBe(600);
    // INVOICED speaks for what stayed on the original; the rest is open on the Backorder.
    expect(invoiced).toMatchObject({
      restBackordered: true,
      openBackorder: { id: first.id, number: first.number, type: 'BACKORDER', status: 'OPEN' },
    });

    await shipPart(first.id, 1);
    const second = await backorderOf(first.id, [first.id]);
    expect(second).toMatchObject({
      type: 'BACKORDER',
      orderDate: original.orderDate,
      references: { parent: { id: original.id, type: 'ORDER' } },
    });
    expect(second.lines[0]).toMatchObject({ quantity: 3, reservedQuantity: 3 });
    const invoices: Page<InvoiceView> = (await admin.get(`/invoices?orderId=${first.id}`).expect(200)).body;
    expect(invoices.items.map((i) => i.totalMinor)).toEqual([100]);

    const now = await order(original.id);
    expect(now.openBackorder).toMatchObject({ id: second.id, status: 'OPEN' });
    expect(await order(first.id)).toMatchObject({ restBackordered: true, openBackorder: { id: second.id } });
    expect(second).toMatchObject({ restBackordered: false });
    expect(second.openBackorder).toBeUndefined();
    const chain = now.references.children.map((c) => c.number).sort();
    expect(chain).toEqual([first.number, second.number].sort());
    const stock: StockLevelView = ((await admin.get('/stock?sku=BO-ITEM').expect(200)).body as Page<StockLevelView>)
      .items[0];
    expect(stock).toMatchObject({ onHand: 3, reserved: 3 });
    const check = (await admin.get('/stock/consistency?sku=BO-ITEM').expect(200)).body;
    expect(check).toMatchObject({ consistent: true });
  });
});
