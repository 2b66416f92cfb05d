import { randomUUID } from 'node:crypto';
import {
  InventorySubjects,
  type LinesChangedEvent,
  OrdersSubjects,
  type ReturnReceivedEvent,
  type ShipmentShippedEvent,
  WarehouseSubjects,
  type CommandSubject,
  type RequestOf,
} from '#contracts';
import { eventually, publishEvent } from '#testing';
import {
  anOrder,
  confirmOrder,
  consistency,
  consumed,
  type Inventory,
  levels,
  reserve,
  startInventory,
} from './support.js';

/** What other services report that moves stock: shipments, line changes, counter sales and returns. */
describe('stock moved by what orders and the warehouse report', () => {
  let h: Inventory;
  const rpc = <S extends CommandSubject>(subject: S, data: RequestOf<S>) => h.rpc.request(subject, data);
  const ledger = async (query: object) => (await rpc(InventorySubjects.listLedger, { limit: 500, ...query })).items;

  beforeAll(async () => {
    h = await startInventory();
    await rpc(InventorySubjects.createItem, { sku: 'BOLT', name: 'Bolt' });
    await rpc(InventorySubjects.createLocation, { code: 'WH1', name: 'First', priority: 1 });
    await rpc(InventorySubjects.createLocation, { code: 'WH2', name: 'Second', priority: 2 });
    await rpc(InventorySubjects.createSource, { code: 'DIST-A', name: 'Distributor A', kind: 'SUPPLIER' });
    await rpc(InventorySubjects.receiveStock, { sku: 'BOLT', locationCode: 'WH1', quantity: 5 });
    await rpc(InventorySubjects.receiveStock, { sku: 'BOLT', locationCode: 'WH2', quantity: 2 });
    await reserve(h, anOrder([['BOLT', 4]]));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('takes shipped goods out of on hand with the reservation they used', async () => {
    const order = anOrder([['BOLT', 1]]);
    await reserve(h, order);
    const shipped: ShipmentShippedEvent = {
      shipmentId: randomUUID(),
      shipmentNumber: 'SH-000001',
      pickTicketId: randomUUID(),
      pickingCycle: 1,
      orderId: order.orderId,
      orderNumber: 'SO-1',
      locationCode: 'WH1',
      carrier: 'UPS',
      trackingNumber: '1Z',
      shippedAt: new Date().toISOString(),
      lines: [{ orderLineId: order.lines[0].lineId, sku: 'BOLT', quantity: 1 }],
    };
    // Delivered twice (a redelivery after a crash): applied once.
    const envelope = await publishEvent(h.js, WarehouseSubjects.shipmentShipped, shipped, {
      occurredAt: shipped.shippedAt,
      msgID: false,
    });
    await publishEvent(h.js, WarehouseSubjects.shipmentShipped, shipped, {
      id: envelope.id,
      occurredAt: envelope.occurredAt,
      msgID: false,
    });
    await eventually(
      async () => ((await ledger({ kind: 'SHIPMENT' })).length === 1 ? true : undefined),
      10_000,
      'the shipment in the ledger',
    );
    await consumed(h, WarehouseSubjects.shipmentShipped);
    expect((await levels(h, 'BOLT'))[0]).toEqual(['WH1', 4, 4]);
    expect((await ledger({ kind: 'SHIPMENT' })).map((r) => [r.onHandDelta, r.reservedDelta, r.reference])).toEqual([
      [-1, -1, 'SH-000001'],
    ]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });

  it('puts what a re-opened order shipped back on hand and releases what it holds, once', async () => {
    const order = anOrder([['BOLT', 2]]);
    await reserve(h, order);
    const shipped: ShipmentShippedEvent = {
      shipmentId: randomUUID(),
      shipmentNumber: 'SH-000002',
      pickTicketId: randomUUID(),
      pickingCycle: 2,
      orderId: order.orderId,
      orderNumber: 'SO-2',
      locationCode: 'WH2',
      carrier: 'UPS',
      trackingNumber: '1Z2',
      shippedAt: new Date().toISOString(),
      lines: [{ orderLineId: order.lines[0].lineId, sku: 'BOLT', quantity: 1 }],
    };
    await publishEvent(h.js, WarehouseSubjects.shipmentShipped, shipped, { occurredAt: shipped.shippedAt });
    await consumed(h, WarehouseSubjects.shipmentShipped);
    const before = await levels(h, 'BOLT');
    const reverse = () =>
      rpc(InventorySubjects.reverseOrder, {
        orderId: order.orderId,
        reason: 'Customer changed mind',
      });
    expect(await reverse()).toEqual({
      orderId: order.orderId,
      restocked: [{ lineId: order.lines[0].lineId, sku: 'BOLT', locationCode: 'WH2', quantity: 1 }],
      released: 1,
    });
    expect(await reverse()).toEqual({ orderId: order.orderId, restocked: [], released: 0 });
    const wh2 = (rows: Array<[string, number, number]>) => rows.find((r) => r[0] === 'WH2')!;
    expect(wh2(await levels(h, 'BOLT'))).toEqual([wh2(before)[0], wh2(before)[1] + 1, wh2(before)[2] - 1]);
    expect((await reserve(h, order)).lines[0]).toMatchObject({ reserved: 2, backordered: 0 });
    await h.rpc.request(InventorySubjects.release, { orderId: order.orderId });
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });

  it('follows line changes: a cancelled line gives its stock back, a pre-shipped one takes it out of on hand', async () => {
    await h.rpc.request(InventorySubjects.receiveStock, { sku: 'BOLT', locationCode: 'WH2', quantity: 3 });
    const order = anOrder([
      ['BOLT', 1],
      ['BOLT', 1],
      ['BOLT', 1],
    ]);
    expect((await reserve(h, order)).lines.map((l) => l.reserved)).toEqual([1, 1, 1]);
    const before = await levels(h, 'BOLT');
    const change = async (action: Exclude<LinesChangedEvent['action'], 'CHANGED' | 'ADDED'>, line: number) => {
      const data: LinesChangedEvent = {
        orderId: order.orderId,
        orderNumber: 'SO-7',
        action,
        lines: [{ lineId: order.lines[line].lineId, sku: 'BOLT', quantity: 1 }],
      };
      await publishEvent(h.js, OrdersSubjects.linesChanged, data);
    };
    await change('HELD', 0);
    await change('CANCELLED', 1);
    await change('PRE_SHIPPED', 2);
    await consumed(h, OrdersSubjects.linesChanged);
    const reservedBefore = before.reduce((sum, [, , r]) => sum + r, 0);
    const onHandBefore = before.reduce((sum, [, o]) => sum + o, 0);
    const after = await levels(h, 'BOLT');
    expect([after.reduce((sum, [, o]) => sum + o, 0), after.reduce((sum, [, , r]) => sum + r, 0)]).toEqual([
      onHandBefore - 1,
      reservedBefore - 2,
    ]);
    const kinds = (await ledger({ orderLineId: order.lines[2].lineId })).map((r) => [
      r.kind,
      r.onHandDelta,
      r.reservedDelta,
      r.reason,
    ]);
    expect(kinds).toEqual([
      ['RESERVATION', 0, 1, undefined],
      ['SHIPMENT', -1, -1, 'handed over at the counter'],
    ]);
    const left = await h.db.query<{ order_line_id: string }>(
      `SELECT order_line_id FROM inventory.reserve_lines WHERE order_id = $1`,
      [order.orderId],
    );
    expect(left.map((l) => l.order_line_id)).toEqual([order.lines[0].lineId]);
    await h.rpc.request(InventorySubjects.release, { orderId: order.orderId });
    // A one-step invoice order is a counter sale: what it reserved leaves when orders reports it placed.
    const counter = anOrder([['BOLT', 1]]);
    const beforeCounter = await levels(h, 'BOLT');
    await reserve(h, counter);
    await confirmOrder(h, counter, 'IO-1', new Date(), 'INVOICE');
    const total = (rows: Array<[string, number, number]>) => [
      rows.reduce((s, r) => s + r[1], 0),
      rows.reduce((s, r) => s + r[2], 0),
    ];
    expect(total(await levels(h, 'BOLT'))).toEqual([total(beforeCounter)[0] - 1, total(beforeCounter)[1]]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });

  it('restocks returned goods orders received, or records them returned and written off', async () => {
    const received: ReturnReceivedEvent = {
      returnId: randomUUID(),
      returnNumber: 'RT-000001',
      originalOrderId: randomUUID(),
      originalOrderNumber: 'SO-1',
      customerId: randomUUID(),
      currency: 'EUR',
      settlement: 'CREDIT_MEMO',
      handlingCharge: { description: 'Handling', amountMinor: 0 },
      creditMinor: 0,
      lines: [
        {
          returnLineId: randomUUID(),
          originalLineId: randomUUID(),
          sku: 'BOLT',
          quantity: 2,
          unitPriceMinor: 1,
          disposition: 'RESTOCK',
          locationCode: 'WH2',
        },
        {
          returnLineId: randomUUID(),
          originalLineId: randomUUID(),
          sku: 'BOLT',
          quantity: 1,
          unitPriceMinor: 1,
          disposition: 'WRITE_OFF',
          locationCode: 'DIST-A',
        },
      ],
    };
    const before = await levels(h, 'BOLT');
    await publishEvent(h.js, OrdersSubjects.returnReceived, received);
    await consumed(h, OrdersSubjects.returnReceived);
    expect(await levels(h, 'BOLT')).toEqual(
      before.map(([code, onHand, reserved]) => [code, code === 'WH2' ? onHand + 2 : onHand, reserved]),
    );
    const rows = await ledger({ reference: 'RT-000001' });
    expect(rows.map((r) => [r.kind, r.locationCode, r.onHandDelta, r.reason]).sort()).toEqual([
      ['RETURN_RESTOCK', 'WH1', 1, 'customer return received'],
      ['RETURN_RESTOCK', 'WH2', 2, 'customer return restocked'],
      ['WRITE_OFF', 'WH1', -1, 'customer return written off'],
    ]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });
});
