import { randomUUID } from 'node:crypto';
import { type ErrorPayload, InventorySubjects, type ReserveStockReply } from '#contracts';
import { anOrder, consistency, type Inventory, levels, reserve, startInventory } from './support.js';

describe('inventory reservations over NATS against Postgres', () => {
  let h: Inventory;

  beforeAll(async () => {
    h = await startInventory();
    await h.rpc.request(InventorySubjects.createItem, { sku: 'HOT', name: 'Hot item' });
    await h.rpc.request(InventorySubjects.createLocation, { code: 'WH1', name: 'First', priority: 1 });
    await h.rpc.request(InventorySubjects.createLocation, { code: 'WH2', name: 'Second', priority: 2 });
    await h.rpc.request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH1', quantity: 30 });
    await h.rpc.request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH2', quantity: 20 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('never reserves more than is on hand when 200 orders compete for 50 units', async () => {
    const requests = Array.from({ length: 200 }, () => anOrder([['HOT', 1]]));
    const replies = await Promise.all(requests.map((r) => reserve(h, r)));
    const reserved = replies.reduce((sum, r) => sum + r.lines[0].reserved, 0);
    const backordered = replies.reduce((sum, r) => sum + r.lines[0].backordered, 0);
    expect(reserved).toBe(50);
    expect(backordered).toBe(150);
    expect(replies.filter((r) => r.lines[0].reserved === 0).every((r) => r.lines[0].allocations.length === 0)).toBe(
      true,
    );
    expect(await levels(h, 'HOT')).toEqual([
      ['WH1', 30, 30],
      ['WH2', 20, 20],
    ]);
    const [ledger] = await h.db.query<{ reserved: number }>(
      `SELECT sum(reserved_delta)::int AS reserved FROM inventory.ledger WHERE kind IN ('RESERVATION', 'RELEASE')`,
    );
    expect(ledger.reserved).toBe(50);
    const [waiting] = await h.db.query<{ units: number }>(
      `SELECT sum(backordered)::int AS units FROM inventory.reserve_lines`,
    );
    expect(waiting.units).toBe(150);
    expect(await consistency(h)).toMatchObject({ consistent: true, differences: [], ledgerViolations: [] });
  });

  it('changes nothing when the same reservation is asked for twice, and releases once', async () => {
    await h.rpc.request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH2', quantity: 5 });
    const request = anOrder([['HOT', 3]]);
    const first = await reserve(h, request);
    const second = await reserve(h, request);
    const concurrent = await Promise.all([reserve(h, request), reserve(h, request)]);
    expect(second.lines[0]).toEqual(first.lines[0]);
    expect(concurrent.map((c) => c.lines[0])).toEqual([first.lines[0], first.lines[0]]);
    expect(first.lines[0]).toMatchObject({
      reserved: 3,
      backordered: 0,
      allocations: [{ locationCode: 'WH2', quantity: 3 }],
    });
    const level = async () =>
      (await h.rpc.request(InventorySubjects.listStock, { sku: 'HOT', locationCode: 'WH2' })).items[0];
    expect((await level()).reserved).toBe(23);
    const ledgerRows = await h.db.query(`SELECT 1 FROM inventory.ledger WHERE order_line_id = $1`, [
      request.lines[0].lineId,
    ]);
    expect(ledgerRows).toHaveLength(1);
    await h.rpc.request(InventorySubjects.release, { orderId: request.orderId });
    await h.rpc.request(InventorySubjects.release, { orderId: request.orderId });
    expect((await level()).reserved).toBe(20);
    expect(await consistency(h, 'HOT')).toMatchObject({ consistent: true });
  });

  it('refuses unknown SKUs and bad quantities without changing stock', async () => {
    const unknown = reserve(h, anOrder([['NOPE', 1]]));
    await expect(unknown).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' });
    const bad = await h.rpc
      .request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH1', quantity: 0 })
      .catch((e: ErrorPayload) => e);
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'quantity' }] } });
    const forbidden = h.rpc.request(
      InventorySubjects.receiveStock,
      { sku: 'HOT', locationCode: 'WH1', quantity: 1 },
      { actorId: 'c1', role: 'customer' },
    );
    await expect(forbidden).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const levels = await h.rpc.request(InventorySubjects.listStock, {
      sku: 'HOT',
      locationCode: 'WH1',
    });
    expect(levels.items[0].onHand).toBe(30);
    const twice = anOrder([['HOT', 1]]);
    twice.lines.push({ ...twice.lines[0] });
    await expect(reserve(h, twice)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const nowhere = reserve(h, anOrder([['HOT', 1]], { shipFromLocation: 'NOWHERE' }));
    await expect(nowhere).rejects.toMatchObject({ code: 'LOCATION_NOT_FOUND' });
    expect(await h.db.query(`SELECT 1 FROM inventory.reserve_lines WHERE order_id = $1`, [twice.orderId])).toEqual([]);
  });
});

describe('multi-line orders whose lines overlap in opposite order', () => {
  let h: Inventory;
  const skus = ['A', 'B', 'C', 'D'];

  beforeAll(async () => {
    h = await startInventory();
    await h.rpc.request(InventorySubjects.createLocation, { code: 'WH1', name: 'First', priority: 1 });
    await h.rpc.request(InventorySubjects.createLocation, { code: 'WH2', name: 'Second', priority: 2 });
    for (const sku of skus) {
      await h.rpc.request(InventorySubjects.createItem, { sku, name: `Item ${sku}` });
      await h.rpc.request(InventorySubjects.receiveStock, { sku, locationCode: 'WH1', quantity: 30 });
      await h.rpc.request(InventorySubjects.receiveStock, { sku, locationCode: 'WH2', quantity: 20 });
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  it('reserves without deadlock or error and never more than is there', async () => {
    // Half the orders list A..D, half D..A; each takes 1 of every item (50 of each exist).
    const requests = Array.from({ length: 200 }, (_, i) =>
      anOrder((i % 2 === 0 ? skus : [...skus].reverse()).map((sku) => [sku, 1] as [string, number])),
    );
    const settled = await Promise.allSettled(requests.map((r) => reserve(h, r)));
    const failures = settled.filter((s) => s.status === 'rejected');
    expect(failures).toEqual([]);
    const replies = settled.map((s) => (s as PromiseFulfilledResult<ReserveStockReply>).value);
    for (const sku of skus) {
      const lines = replies.flatMap((r) => r.lines.filter((l) => l.sku === sku));
      expect(lines.reduce((sum, l) => sum + l.reserved, 0)).toBe(50);
      expect(lines.reduce((sum, l) => sum + l.backordered, 0)).toBe(150);
      expect(await levels(h, sku)).toEqual([
        ['WH1', 30, 30],
        ['WH2', 20, 20],
      ]);
    }
    expect(await consistency(h)).toMatchObject({ consistent: true, rowsChecked: 8 });
  });

  it('keeps every request-reply answered when the same orders are released and reserved again concurrently', async () => {
    const orders = Array.from({ length: 40 }, (_, i) =>
      anOrder((i % 2 === 0 ? skus : [...skus].reverse()).map((sku) => [sku, 2] as [string, number])),
    );
    await Promise.all(orders.map((o) => reserve(h, o)));
    const churn = await Promise.allSettled(
      orders.flatMap((o) => [
        h.rpc.request(InventorySubjects.release, { orderId: o.orderId }),
        reserve(h, { ...o, orderId: randomUUID() }),
      ]),
    );
    expect(churn.filter((c) => c.status === 'rejected')).toEqual([]);
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });
});
