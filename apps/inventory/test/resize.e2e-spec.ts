import { randomUUID } from 'node:crypto';
import { InventorySubjects } from '#contracts';
import { consistency, type Inventory, levels, reserve, startInventory } from './support.js';

/** Resizing a line's reservation (an order edited before picking) is one transaction: its stock cannot go to anyone else meanwhile. */
describe('resizing a reservation', () => {
  let h: Inventory;

  beforeAll(async () => {
    h = await startInventory();
    await h.rpc.request(InventorySubjects.createLocation, { code: 'WH1', name: 'Main', priority: 1 });
    await h.rpc.request(InventorySubjects.createItem, { sku: 'RS-1', name: 'Resized' });
    await h.rpc.request(InventorySubjects.receiveStock, { sku: 'RS-1', locationCode: 'WH1', quantity: 5 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('keeps the stock of a line being resized from competing orders, then frees what it no longer needs', async () => {
    const orderId = randomUUID();
    const lineId = randomUUID();
    await reserve(h, { orderId, lines: [{ lineId, sku: 'RS-1', quantity: 5 }] });
    // Twenty resizes to the same quantity race twenty competing one-unit orders: none of them may get a unit.
    const competitors = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const [, theirs] = await Promise.all([
          h.rpc.request(InventorySubjects.resize, {
            orderId,
            lines: [{ lineId, sku: 'RS-1', quantity: 5 }],
          }),
          reserve(h, { orderId: randomUUID(), lines: [{ lineId: randomUUID(), sku: 'RS-1', quantity: 1 }] }),
        ]);
        return theirs.lines[0].reserved;
      }),
    );
    expect(competitors.reduce((a, b) => a + b, 0)).toBe(0);
    const smaller = await h.rpc.request(InventorySubjects.resize, {
      orderId,
      lines: [{ lineId, sku: 'RS-1', quantity: 3 }],
    });
    expect(smaller.lines[0]).toMatchObject({ requested: 3, reserved: 3, backordered: 0 });
    const larger = await h.rpc.request(InventorySubjects.resize, {
      orderId,
      lines: [{ lineId, sku: 'RS-1', quantity: 6 }],
    });
    expect(larger.lines[0]).toMatchObject({ requested: 6, reserved: 5, backordered: 1 });
    expect(await levels(h, 'RS-1')).toEqual([['WH1', 5, 5]]);
    expect((await consistency(h, 'RS-1')).consistent).toBe(true);
  });
});
