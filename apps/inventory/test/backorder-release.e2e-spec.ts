import { randomUUID } from 'node:crypto';
import {
  type BackorderReleasedEvent,
  InventorySubjects,
  type OrderBackorderedEvent,
  OrdersSubjects,
  type ReserveStockRequest,
  type ReservationMovedEvent,
  type CommandSubject,
  type RequestOf,
} from '#contracts';
import { publishEvent } from '#testing';
import {
  anOrder,
  confirmOrder,
  consistency,
  consumed,
  type Inventory,
  inventoryEvents,
  levels,
  reserve,
  startInventory,
} from './support.js';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe('back-ordered demand is released automatically when stock arrives', () => {
  let h: Inventory;
  const rpc = <S extends CommandSubject>(subject: S, data: RequestOf<S>) => h.rpc.request(subject, data);
  const waiting = async (orderId: string) =>
    (await rpc(InventorySubjects.listBackorders, { orderId })).items.map((b) => [b.sku, b.backordered, b.confirmed]);
  const placed = async (number: string, request: ReserveStockRequest, date: Date) => {
    await reserve(h, request);
    await confirmOrder(h, request, number, date);
    return request;
  };

  beforeAll(async () => {
    h = await startInventory();
    for (const sku of ['NUT', 'PIN', 'CAP', 'BOLT']) await rpc(InventorySubjects.createItem, { sku, name: sku });
    await rpc(InventorySubjects.createLocation, { code: 'WH1', name: 'First', priority: 1 });
    await rpc(InventorySubjects.createLocation, { code: 'WH2', name: 'Second', priority: 2 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('serves higher priority first, then the oldest order, partially where only part is there', async () => {
    const o1 = await placed('SO-1', anOrder([['NUT', 3]]), minutesAgo(30));
    const o2 = await placed('SO-2', anOrder([['NUT', 2]], { priority: 5 }), minutesAgo(10));
    const o3 = await placed('SO-3', anOrder([['NUT', 4]]), minutesAgo(20));
    const unplaced = anOrder([['NUT', 1]]);
    await reserve(h, unplaced);
    expect(await waiting(unplaced.orderId)).toEqual([['NUT', 1, false]]);

    const receipt = await rpc(InventorySubjects.receiveStock, {
      sku: 'NUT',
      locationCode: 'WH1',
      quantity: 4,
    });
    expect(receipt).toMatchObject({ onHand: 4, reserved: 4, available: 0, releasedToBackorders: 4 });
    expect(await waiting(o2.orderId)).toEqual([]);
    expect(await waiting(o1.orderId)).toEqual([['NUT', 1, true]]);
    expect(await waiting(o3.orderId)).toEqual([['NUT', 4, true]]);
    expect(await waiting(unplaced.orderId)).toEqual([['NUT', 1, false]]);

    const events = await inventoryEvents<BackorderReleasedEvent>(h, InventorySubjects.backorderReleased);
    expect(
      events.map((e) => [
        e.orderNumber,
        e.orderType,
        e.lines.map((l) => [l.lineId, l.released, l.backordered, l.allocations]),
      ]),
    ).toEqual([
      [
        'SO-2',
        'ORDER',
        [
          [
            o2.lines[0].lineId,
            2,
            0,
            [{ locationCode: 'WH1', quantity: 2, sourceCode: 'OWN', sourceKind: 'WAREHOUSE' }],
          ],
        ],
      ],
      [
        'SO-1',
        'ORDER',
        [
          [
            o1.lines[0].lineId,
            2,
            1,
            [{ locationCode: 'WH1', quantity: 2, sourceCode: 'OWN', sourceKind: 'WAREHOUSE' }],
          ],
        ],
      ],
    ]);
    const again = await reserve(h, o1);
    expect(again.lines[0]).toMatchObject({ requested: 3, reserved: 2, backordered: 1 });

    // A restocked return serves the rest of the oldest order first.
    await rpc(InventorySubjects.restockReturn, { sku: 'NUT', locationCode: 'WH2', quantity: 1 });
    expect(await waiting(o1.orderId)).toEqual([]);
    expect((await reserve(h, o1)).lines[0].allocations.map((a) => [a.locationCode, a.quantity])).toEqual([
      ['WH1', 2],
      ['WH2', 1],
    ]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });

  it('releases stock that arrived before the order was reported placed as soon as it is', async () => {
    const early = anOrder([['PIN', 2]]);
    await reserve(h, early);
    await rpc(InventorySubjects.receiveStock, { sku: 'PIN', locationCode: 'WH2', quantity: 5 });
    expect(await waiting(early.orderId)).toEqual([['PIN', 2, false]]);
    await confirmOrder(h, early, 'SO-9');
    expect(await waiting(early.orderId)).toEqual([]);
    expect(await levels(h, 'PIN')).toEqual([['WH2', 5, 2]]);
    const events = await inventoryEvents<BackorderReleasedEvent>(h, InventorySubjects.backorderReleased);
    expect(events.at(-1)).toMatchObject({ orderNumber: 'SO-9', lines: [{ sku: 'PIN', released: 2, backordered: 0 }] });
  });

  it('keeps a line that may not split, or must ship from one location, waiting for stock that fits', async () => {
    const whole = await placed('SO-10', anOrder([['CAP', 3]], { allowSplit: false }), minutesAgo(5));
    const fromWh2 = await placed('SO-11', anOrder([['CAP', 1, 'WH2']]), minutesAgo(4));
    await rpc(InventorySubjects.receiveStock, { sku: 'CAP', locationCode: 'WH1', quantity: 2 });
    expect(await waiting(whole.orderId)).toEqual([['CAP', 3, true]]);
    expect(await waiting(fromWh2.orderId)).toEqual([['CAP', 1, true]]);
    await rpc(InventorySubjects.receiveStock, { sku: 'CAP', locationCode: 'WH1', quantity: 1 });
    expect(await waiting(whole.orderId)).toEqual([]);
    expect(await waiting(fromWh2.orderId)).toEqual([['CAP', 1, true]]);
    // Stock at WH1 does not serve a line that must ship from WH2; a transfer arriving there does.
    await rpc(InventorySubjects.receiveStock, { sku: 'CAP', locationCode: 'WH1', quantity: 1 });
    expect(await waiting(fromWh2.orderId)).toEqual([['CAP', 1, true]]);
    const transfer = await rpc(InventorySubjects.transferStock, {
      sku: 'CAP',
      fromLocationCode: 'WH1',
      toLocationCode: 'WH2',
      quantity: 1,
    });
    expect(transfer.releasedToBackorders).toBe(1);
    expect(await waiting(fromWh2.orderId)).toEqual([]);
    expect(await levels(h, 'CAP')).toEqual([
      ['WH1', 3, 3],
      ['WH2', 1, 1],
    ]);
  });

  it('gives stock a cancelled order released to waiting back-orders', async () => {
    await rpc(InventorySubjects.receiveStock, { sku: 'BOLT', locationCode: 'WH1', quantity: 2 });
    const holder = await placed('SO-20', anOrder([['BOLT', 2]]), minutesAgo(3));
    const waiter = await placed('SO-21', anOrder([['BOLT', 1]]), minutesAgo(2));
    expect(await waiting(waiter.orderId)).toEqual([['BOLT', 1, true]]);
    expect(await rpc(InventorySubjects.release, { orderId: holder.orderId })).toEqual({ released: 2 });
    expect(await waiting(waiter.orderId)).toEqual([]);
    expect(await levels(h, 'BOLT')).toEqual([['WH1', 2, 1]]);
    expect(await rpc(InventorySubjects.release, { orderId: holder.orderId })).toEqual({ released: 0 });
  });

  it('moves a reservation to another location only where the units are available', async () => {
    const line = (
      await h.db.query<{ order_line_id: string }>(
        `SELECT order_line_id FROM inventory.reserve_lines WHERE order_number = 'SO-21'`,
      )
    )[0].order_line_id;
    const move = (to: string, quantity?: number) =>
      rpc(InventorySubjects.moveReservation, {
        orderLineId: line,
        fromLocationCode: 'WH1',
        toLocationCode: to,
        quantity,
      }).catch((e: { code: string }) => e);
    expect(await move('WH2')).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await move('WH1')).toMatchObject({ code: 'VALIDATION_FAILED' });
    await rpc(InventorySubjects.receiveStock, { sku: 'BOLT', locationCode: 'WH2', quantity: 3 });
    expect(await move('WH2', 2)).toMatchObject({ code: 'QUANTITY_EXCEEDED' });
    expect(await levels(h, 'BOLT')).toEqual([
      ['WH1', 2, 1],
      ['WH2', 3, 0],
    ]);
    const moved = await move('WH2');
    expect(moved).toMatchObject({ moved: 1, allocations: [{ locationCode: 'WH2', quantity: 1 }] });
    expect(await levels(h, 'BOLT')).toEqual([
      ['WH1', 2, 0],
      ['WH2', 3, 1],
    ]);
    const events = await inventoryEvents<ReservationMovedEvent>(h, InventorySubjects.reservationMoved);
    expect(events).toEqual([
      expect.objectContaining({ orderLineId: line, fromLocationCode: 'WH1', toLocationCode: 'WH2', quantity: 1 }),
    ]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });
});

describe('reservations follow the remainder of an order to its Backorder', () => {
  let h: Inventory;

  beforeAll(async () => {
    h = await startInventory();
    await h.rpc.request(InventorySubjects.createItem, { sku: 'RING', name: 'Ring' });
    await h.rpc.request(InventorySubjects.createLocation, { code: 'WH1', name: 'First' });
    await h.rpc.request(InventorySubjects.receiveStock, { sku: 'RING', locationCode: 'WH1', quantity: 3 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('re-keys what the line holds and waits for, and later releases go to the Backorder', async () => {
    const original = anOrder([['RING', 5]]);
    await reserve(h, original);
    await confirmOrder(h, original, 'SO-1');
    const moved: OrderBackorderedEvent = {
      originalOrderId: original.orderId,
      fromOrderId: original.orderId,
      backorderId: randomUUID(),
      backorderNumber: 'BO-000001',
      lines: [{ fromLineId: original.lines[0].lineId, lineId: randomUUID(), sku: 'RING', quantity: 5 }],
    };
    await publishEvent(h.js, OrdersSubjects.orderBackordered, moved);
    await consumed(h, OrdersSubjects.orderBackordered);
    const backorder = {
      orderId: moved.backorderId,
      lines: [{ lineId: moved.lines[0].lineId, sku: 'RING', quantity: 5 }],
    };
    expect((await reserve(h, backorder)).lines[0]).toMatchObject({
      reserved: 3,
      backordered: 2,
      allocations: [{ locationCode: 'WH1', quantity: 3 }],
    });
    expect(await h.db.query(`SELECT 1 FROM inventory.reserve_lines WHERE order_id = $1`, [original.orderId])).toEqual(
      [],
    );
    await h.rpc.request(InventorySubjects.receiveStock, { sku: 'RING', locationCode: 'WH1', quantity: 2 });
    const events = await inventoryEvents<BackorderReleasedEvent>(h, InventorySubjects.backorderReleased);
    expect(events.map((e) => [e.orderId, e.orderNumber, e.orderType, e.lines[0].lineId, e.lines[0].released])).toEqual([
      [moved.backorderId, 'BO-000001', 'BACKORDER', moved.lines[0].lineId, 2],
    ]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });
});

describe('back-orders released by a run when automatic release is off', () => {
  let h: Inventory;
  const rpc = <S extends CommandSubject>(subject: S, data: RequestOf<S>) => h.rpc.request(subject, data);

  beforeAll(async () => {
    h = await startInventory({ BACKORDER_RELEASE: 'manual' });
    await rpc(InventorySubjects.createItem, { sku: 'BOX', name: 'Box' });
    await rpc(InventorySubjects.createLocation, { code: 'WH1', name: 'First' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('reports what is eligible as of a date without changing anything, then a run releases exactly that', async () => {
    const old = anOrder([['BOX', 2]]);
    const recent = anOrder([['BOX', 2]]);
    await reserve(h, old);
    await reserve(h, recent);
    await confirmOrder(h, old, 'SO-1', minutesAgo(60 * 48));
    await confirmOrder(h, recent, 'SO-2', minutesAgo(10));
    await rpc(InventorySubjects.receiveStock, { sku: 'BOX', locationCode: 'WH1', quantity: 3 });
    expect(await levels(h, 'BOX')).toEqual([['WH1', 3, 0]]);

    const yesterday = await rpc(InventorySubjects.eligibleForRelease, {
      asOf: minutesAgo(60 * 24).toISOString(),
    });
    expect(yesterday).toMatchObject({
      applied: false,
      units: 2,
      lines: [{ orderNumber: 'SO-1', released: 2, backordered: 0 }],
    });
    const now = await rpc(InventorySubjects.eligibleForRelease, {});
    expect(now.lines.map((l) => [l.orderNumber, l.released, l.backordered])).toEqual([
      ['SO-1', 2, 0],
      ['SO-2', 1, 1],
    ]);
    expect(await levels(h, 'BOX')).toEqual([['WH1', 3, 0]]);
    expect(await inventoryEvents(h, InventorySubjects.backorderReleased)).toEqual([]);

    const run = await rpc(InventorySubjects.releaseBackorders, {});
    expect({ ...run, asOf: undefined, applied: undefined }).toEqual({ ...now, asOf: undefined, applied: undefined });
    expect(run.applied).toBe(true);
    expect(await levels(h, 'BOX')).toEqual([['WH1', 3, 3]]);
    expect(
      (await inventoryEvents<BackorderReleasedEvent>(h, InventorySubjects.backorderReleased)).map((e) => e.orderNumber),
    ).toEqual(['SO-1', 'SO-2']);
    expect((await rpc(InventorySubjects.eligibleForRelease, {})).lines).toEqual([]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });
});
