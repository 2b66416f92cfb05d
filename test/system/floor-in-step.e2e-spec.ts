import type { CustomerView, InvoiceView, OrderView, Page, PickTicketView, ShipmentView } from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/**
 * The floor stays in step with orders: what a re-open, a cancel or a termination takes away
 * is never packed, shipped or billed, and a shipment is never left half-applied.
 */
describe('the warehouse floor in step with orders', () => {
  let system: TestSystem;
  let admin: Api;
  let scanner: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0', LOG_LEVEL: 'warn' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    const key = (await admin.post('/api-keys', { name: 'handheld-1', role: 'warehouse' }).expect(201)).body.key;
    scanner = new Api(system.url('warehouse'), key as string);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    for (const sku of ['FS-A', 'FS-B']) {
      await admin.post('/items', { sku, name: `Floor item ${sku}` }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 100 }).expect(201);
      await admin.post('/prices', { sku, currency: 'EUR', unitPriceMinor: 1000 }).expect(201);
    }
    customer = (await admin.post('/customers', { name: 'In step' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const order = async (id: string): Promise<OrderView> => (await admin.get(`/orders/${id}`).expect(200)).body;
  const ticket = async (id: string): Promise<PickTicketView> =>
    (await scanner.get(`/scanner/pick-tickets/${id}`).expect(200)).body;
  const place = async (lines: Array<{ sku: string; quantity: number }>): Promise<OrderView> =>
    (await admin.post('/orders', { customerId: customer.id, lines }).expect(201)).body;
  /** Prints tickets until the order's is among them, and waits until orders has heard of it. */
  const printedTicket = async (placed: OrderView): Promise<PickTicketView> => {
    const printed = await eventually(
      async () => {
        const tickets: PickTicketView[] = (await admin.post('/pick-tickets/generate', {}).expect(200)).body;
        return tickets.find((t) => t.orderId === placed.id);
      },
      15_000,
      'a pick ticket',
    );
    await eventually(
      async () =>
        (await order(placed.id)).lines.every((l) => l.fulfillStatus === 'PACKING_SLIP_PRINTED') ? true : undefined,
      15_000,
      'orders to hear of the printed ticket',
    );
    return printed;
  };
  const invoicesOf = async (orderId: string): Promise<InvoiceView[]> =>
    ((await admin.get(`/invoices?orderId=${orderId}`).expect(200)).body as Page<InvoiceView>).items.filter(
      (i) => i.status !== 'VOIDED',
    );
  const shipWhole = async (t: PickTicketView, tracking: string): Promise<ShipmentView> => {
    await scanner.post(`/scanner/pick-tickets/${t.id}/picks`, {}).expect(200);
    const packed: ShipmentView = (await scanner.post(`/scanner/pick-tickets/${t.id}/pack`, {}).expect(201)).body;
    return (
      await scanner
        .post(`/scanner/shipments/${packed.id}/ship`, { carrier: 'UPS', trackingNumber: tracking })
        .expect(200)
    ).body;
  };

  describe('defect (1): a re-open closes the tickets printed before it', () => {
    it('a ticket picked before the re-open refuses packing; the order ships and bills once, from its new ticket', async () => {
      const placed = await place([{ sku: 'FS-A', quantity: 2 }]);
      const before = await printedTicket(placed);
      await scanner.post(`/scanner/pick-tickets/${before.id}/picks`, {}).expect(200);

      await admin.post(`/orders/${placed.id}/reopen`, { reason: 'Customer changed address' }).expect(200);
      const voided = await eventually(
        async () => {
          const t = await ticket(before.id);
          return t.status === 'VOIDED' ? t : undefined;
        },
        15_000,
        'the old ticket voided',
      );
      expect(voided.voidReason).toBe(`order ${placed.number} was re-opened`);

      const refused = await scanner.post(`/scanner/pick-tickets/${before.id}/pack`, {}).expect(409);
      expect(refused.body).toMatchObject({
        code: 'PICK_TICKET_VOIDED',
        detail: `Pick ticket ${before.number} is void (order ${placed.number} was re-opened): do not pick, pack or ship it`,
      });
      expect(String(refused.body.detail)).not.toContain('\n');
      expect((await ticket(before.id)).shipmentId).toBeUndefined();

      const again = await printedTicket(placed);
      expect(again.id).not.toBe(before.id);
      expect(again.lines).toEqual([expect.objectContaining({ sku: 'FS-A', quantity: 2 })]);
      await shipWhole(again, 'FS-REOPEN-1');
      const invoices = await eventually(
        async () => {
          const found = await invoicesOf(placed.id);
          return found.length > 0 ? found : undefined;
        },
        15_000,
        'the invoice',
      );
      expect(invoices).toHaveLength(1);
      expect(invoices[0].totalMinor).toBe(2000);
      expect((await order(placed.id)).lines[0]).toMatchObject({ shippedQuantity: 2, fulfillStatus: 'SHIPPED' });
    });

    it('a shipment packed before the re-open refuses shipping, through the gateway too', async () => {
      const placed = await place([{ sku: 'FS-A', quantity: 1 }]);
      const before = await printedTicket(placed);
      await admin.post(`/pick-tickets/${before.id}/picks`, {}).expect(200);
      const packed: ShipmentView = (await admin.post(`/pick-tickets/${before.id}/pack`, {}).expect(201)).body;

      await admin.post(`/orders/${placed.id}/reopen`, {}).expect(200);
      await eventually(
        async () => ((await ticket(before.id)).status === 'VOIDED' ? true : undefined),
        15_000,
        'the old ticket voided',
      );
      const refused = await admin
        .post(`/shipments/${packed.id}/ship`, { carrier: 'UPS', trackingNumber: 'FS-STALE' })
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'PICK_TICKET_VOIDED' });
      await scanner
        .post(`/scanner/shipments/${packed.id}/ship`, { carrier: 'UPS', trackingNumber: 'FS-STALE' })
        .expect(409);
      expect((await scanner.get(`/scanner/shipments/${packed.id}`).expect(200)).body).toMatchObject({
        status: 'VOIDED',
      });
    });
  });

  describe('defect (2): a line terminated after its ticket was printed', () => {
    const invoiced = (placed: OrderView) =>
      eventually(
        async () => {
          const found = await invoicesOf(placed.id);
          return found.length > 0 ? found : undefined;
        },
        15_000,
        'the invoice',
      );

    it('is taken off the ticket: never picked, packed, shipped or billed, and the other line ships and bills', async () => {
      const placed = await place([
        { sku: 'FS-A', quantity: 2 },
        { sku: 'FS-B', quantity: 3 },
      ]);
      const [lineA, lineB] = placed.lines;
      const printed = await printedTicket(placed);
      await admin.post(`/orders/${placed.id}/lines/${lineA.id}/terminate`).expect(200);
      const closed = await eventually(
        async () => {
          const t = await ticket(printed.id);
          return t.lines.find((l) => l.orderLineId === lineA.id)?.closed ? t : undefined;
        },
        15_000,
        'the terminated line taken off the ticket',
      );
      expect(closed.status).toBe('OPEN');
      expect(closed.lines.find((l) => l.orderLineId === lineA.id)).toMatchObject({ closed: 'TERMINATED' });
      expect(closed.lines.find((l) => l.orderLineId === lineB.id)?.closed).toBeUndefined();

      const refused = await scanner
        .post(`/scanner/pick-tickets/${printed.id}/picks`, { lines: [{ orderLineId: lineA.id, quantity: 2 }] })
        .expect(409);
      expect(refused.body).toMatchObject({
        code: 'ORDER_LINE_CLOSED',
        detail: `FS-A on pick ticket ${printed.number} was terminated on the order: do not pick or pack it`,
      });

      const shipment = await shipWhole(printed, 'FS-TERM-1');
      expect(shipment.containers.flatMap((c) => c.lines)).toEqual([{ orderLineId: lineB.id, quantity: 3 }]);
      const invoices = await invoiced(placed);
      expect(invoices).toHaveLength(1);
      expect(invoices[0].totalMinor).toBe(3000);
      const after = await order(placed.id);
      expect(after.lines.find((l) => l.id === lineA.id)).toMatchObject({
        fulfillStatus: 'STANDING_ORDER_TERMINATED',
        shippedQuantity: 0,
        invoicedQuantity: 0,
      });
      expect(after.lines.find((l) => l.id === lineB.id)).toMatchObject({
        fulfillStatus: 'SHIPPED',
        shippedQuantity: 3,
        invoicedQuantity: 3,
      });
    });

    it('terminated once its box is packed: the box ships, orders applies all of it, and the other line ships and bills', async () => {
      const placed = await place([
        { sku: 'FS-A', quantity: 1 },
        { sku: 'FS-B', quantity: 1 },
      ]);
      const [lineA, lineB] = placed.lines;
      const printed = await printedTicket(placed);
      await scanner.post(`/scanner/pick-tickets/${printed.id}/picks`, {}).expect(200);
      const packed: ShipmentView = (await scanner.post(`/scanner/pick-tickets/${printed.id}/pack`, {}).expect(201))
        .body;
      await admin.post(`/orders/${placed.id}/lines/${lineA.id}/terminate`).expect(200);
      await scanner
        .post(`/scanner/shipments/${packed.id}/ship`, { carrier: 'UPS', trackingNumber: 'FS-TERM-2' })
        .expect(200);

      const after = await eventually(
        async () => {
          const o = await order(placed.id);
          return o.lines.find((l) => l.id === lineB.id)?.fulfillStatus === 'SHIPPED' ? o : undefined;
        },
        15_000,
        'the other line shipped',
      );
      // What left in the box is recorded (and billed) on the terminated line; its status stays.
      expect(after.lines.find((l) => l.id === lineA.id)).toMatchObject({
        fulfillStatus: 'STANDING_ORDER_TERMINATED',
        shippedQuantity: 1,
      });
      const invoices = await invoiced(placed);
      expect(invoices).toHaveLength(1);
      expect(invoices[0].totalMinor).toBe(2000);
    });
  });

  it('the scanner looks up a SKU through inventory, and a ticket by its number', async () => {
    const item = await scanner.get('/scanner/lookup?code=FS-B').expect(200);
    expect(item.body.matches).toEqual([
      { type: 'ITEM', id: expect.any(String), summary: 'Item FS-B · Floor item FS-B' },
    ]);
    const placed = await place([{ sku: 'FS-B', quantity: 1 }]);
    const printed = await printedTicket(placed);
    const found = await scanner.get(`/scanner/lookup?code=${printed.number}`).expect(200);
    expect(found.body.matches).toEqual([expect.objectContaining({ type: 'PICK_TICKET', id: printed.id })]);
    await scanner.get('/scanner/lookup?code=NOTHING-HERE').expect(404);
  });
});
