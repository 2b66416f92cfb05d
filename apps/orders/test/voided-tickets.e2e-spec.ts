import {
  type CustomerView,
  type InvoicePostedEvent,
  OrdersSubjects,
  type OrderView,
  type PickTicketPrintedEvent,
  type PickTicketVoidedEvent,
  WarehouseSubjects,
  BillingSubjects,
} from '#contracts';
import { randomUUID } from 'node:crypto';
import { aShipmentShipped, eventually, publishEvent } from '#testing';
import { type OrdersHarness, startOrders } from './support.js';

/** A ticket the warehouse voided will never ship: orders stops waiting for it. */
describe('orders: voided pick tickets', () => {
  let h: OrdersHarness;
  let customer: CustomerView;

  beforeAll(async () => {
    h = await startOrders();
    await h.fx.location('WH1', { name: 'Main', priority: 1 });
    await h.fx.stockedItem({ sku: 'VT-A', priceMinor: 1000, stock: { WH1: 20 } });
    await h.fx.stockedItem({ sku: 'VT-B', priceMinor: 1000, stock: { WH1: 20 } });
    customer = await h.fx.customer({ name: 'Waits for nothing', defaultShipFrom: 'WH1' });
  });

  afterAll(async () => {
    await h?.close();
  });

  const get = (id: string): Promise<OrderView> => h.rpc.request(OrdersSubjects.getOrder, { id });
  const until = (id: string, done: (o: OrderView) => boolean, what: string) =>
    eventually(
      async () => {
        const o = await get(id);
        return done(o) ? o : undefined;
      },
      15_000,
      what,
    );

  it('moves the unfilled rest to a Backorder once the ticket of a terminated line is voided', async () => {
    const order = await h.fx.order(customer.id, [
      { sku: 'VT-A', quantity: 4 },
      { sku: 'VT-B', quantity: 1 },
    ]);
    const [a, b] = order.lines;
    const tickets = [randomUUID(), randomUUID()];
    for (const [i, line] of [a, b].entries()) {
      const printed: PickTicketPrintedEvent = {
        pickTicketId: tickets[i],
        orderId: order.id,
        locationCode: 'WH1',
        lines: [{ orderLineId: line.id, sku: line.sku, quantity: line.quantity }],
      };
      await publishEvent(h.js, WarehouseSubjects.pickTicketPrinted, printed);
    }
    await until(order.id, (o) => o.lines.every((l) => l.fulfillStatus === 'PACKING_SLIP_PRINTED'), 'both printed');
    await h.rpc.request(OrdersSubjects.terminateLine, { orderId: order.id, lineId: b.id });

    // Half of A ships from the first ticket and is invoiced; the second ticket (B's) is still out.
    const lines = [a, b].map((l) => ({ lineId: l.id, sku: l.sku }));
    await publishEvent(
      h.js,
      WarehouseSubjects.shipmentShipped,
      aShipmentShipped({ orderId: order.id, number: order.number, lines } as never, [2, 0], {
        pickTicketId: tickets[0],
      }),
    );
    const invoice: InvoicePostedEvent = {
      invoiceId: randomUUID(),
      number: 'INV-VT-1',
      series: 'INV',
      orderId: order.id,
      orderNumber: order.number,
      customerId: customer.id,
      currency: 'EUR',
      totalMinor: 2000,
      postedAt: new Date().toISOString(),
      lines: [{ orderLineId: a.id, sku: a.sku, quantity: 2, unitPriceMinor: 1000, lineTotalMinor: 2000 }],
    };
    await publishEvent(h.js, BillingSubjects.invoicePosted, invoice);
    const invoiced = await until(
      order.id,
      (o) => o.lines.find((l) => l.id === a.id)?.invoicedQuantity === 2,
      'the invoice applied',
    );
    expect(invoiced.references.children).toEqual([]);

    const voided: PickTicketVoidedEvent = {
      pickTicketId: tickets[1],
      number: 'PT-000002',
      orderId: order.id,
      orderNumber: order.number,
      reason: 'every line on it was cancelled, terminated or held',
    };
    await publishEvent(h.js, WarehouseSubjects.pickTicketVoided, voided);
    const split = await until(order.id, (o) => o.references.children.length > 0, 'the Backorder');
    expect(split.references.children).toEqual([expect.objectContaining({ type: 'BACKORDER' })]);
    const backorder = await get(split.references.children[0].id);
    expect(backorder.lines.map((l) => [l.sku, l.quantity])).toEqual([['VT-A', 2]]);
  });
});
