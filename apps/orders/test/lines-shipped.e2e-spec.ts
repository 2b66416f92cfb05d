import {
  type CustomerView,
  type OrderLinesShippedEvent,
  OrdersSubjects,
  type OrderView,
  WarehouseSubjects,
} from '#contracts';
import { aShipmentShipped, eventually, publishEvent } from '#testing';
import { type OrdersHarness, startOrders } from './support.js';

/**
 * Orders applies each shipment the warehouse reports and alone decides what it makes
 * billable, kits included: `lines shipped` carries it, and billing invoices just that.
 */
describe('orders: what a shipment makes billable', () => {
  let h: OrdersHarness;
  let customer: CustomerView;

  beforeAll(async () => {
    h = await startOrders();
    await h.fx.location('WH1', { name: 'Main', priority: 1 });
    await h.fx.stockedItem({ sku: 'LS-A', stock: { WH1: 20 } });
    await h.fx.stockedItem({ sku: 'LS-B', stock: { WH1: 20 } });
    await h.fx.stockedItem({ sku: 'LS-ITEM', priceMinor: 700, stock: { WH1: 20 } });
    await h.fx.item('LS-KIT', {
      inventoried: false,
      components: [
        { sku: 'LS-A', quantity: 2 },
        { sku: 'LS-B', quantity: 1 },
      ],
    });
    await h.fx.price('LS-KIT', 5000);
    customer = await h.fx.customer({ name: 'Kit buyer', defaultShipFrom: 'WH1' });
  });

  afterAll(async () => {
    await h?.close();
  });

  const get = (id: string): Promise<OrderView> => h.rpc.request(OrdersSubjects.getOrder, { id });

  /** The warehouse ships `quantities` of the order's lines (by SKU); answers orders' `lines shipped` for it. */
  async function ship(order: OrderView, quantities: Record<string, number>): Promise<OrderLinesShippedEvent> {
    const lines = order.lines.map((l) => ({ ...l, lineId: l.id }));
    const shipment = aShipmentShipped(
      { orderId: order.id, number: order.number, lines },
      lines.map((l) => quantities[l.sku] ?? 0),
    );
    await publishEvent(h.js, WarehouseSubjects.shipmentShipped, shipment);
    const event = await eventually(
      async () =>
        (await h.events<OrderLinesShippedEvent>(OrdersSubjects.linesShipped)).find(
          (e) => e.data.shipmentId === shipment.shipmentId,
        ),
      15_000,
      `lines shipped for ${shipment.shipmentNumber}`,
    );
    return event.data;
  }

  it('makes a kit billable once, with the shipment of its last component', async () => {
    const order = await h.fx.order(customer.id, [{ sku: 'LS-KIT', quantity: 2 }]);
    const kit = order.lines.find((l) => l.kind === 'KIT')!;
    const [a, b] = ['LS-A', 'LS-B'].map((sku) => order.lines.find((l) => l.sku === sku)!);
    expect([a.quantity, b.quantity]).toEqual([4, 2]);

    const first = await ship(order, { 'LS-A': 4 });
    expect(first.billable).toEqual([{ orderLineId: a.id, quantity: 4 }]);
    expect((await get(order.id)).lines.find((l) => l.id === kit.id)).toMatchObject({ shippedQuantity: 0 });

    // Half the K-Bs complete one kit; the rest, the second.
    const second = await ship(order, { 'LS-B': 1 });
    expect(second.billable).toEqual([
      { orderLineId: b.id, quantity: 1 },
      { orderLineId: kit.id, quantity: 1 },
    ]);
    const third = await ship(order, { 'LS-B': 1 });
    expect(third.billable).toEqual([
      { orderLineId: b.id, quantity: 1 },
      { orderLineId: kit.id, quantity: 1 },
    ]);
    expect((await get(order.id)).lines.find((l) => l.id === kit.id)).toMatchObject({
      shippedQuantity: 2,
      fulfillStatus: 'SHIPPED',
    });
  });

  it('makes nothing billable on a loss/reshipment, which ships but is never a sale', async () => {
    const loss = await h.fx.order(customer.id, [{ sku: 'LS-ITEM', quantity: 1 }], { type: 'LOSS_RESHIPMENT' });
    const shipped = await ship(loss, { 'LS-ITEM': 1 });
    expect(shipped).toMatchObject({ lines: [{ orderLineId: loss.lines[0].id, quantity: 1 }], billable: [] });
    expect((await get(loss.id)).status).toBe('CLOSED');
  });
});
