import { type ErrorPayload, InventorySubjects, type CommandSubject, type RequestOf } from '#contracts';
import { anOrder, consistency, type Inventory, levels, reserve, startInventory } from './support.js';

/** Sources, supplier SKUs and the sourcing rules, as in the domain example: V123 from Distributor A's A123, V456 from the Warehouse's C456. */
describe('sourcing lines from our warehouses and outside suppliers', () => {
  let h: Inventory;
  const rpc = <S extends CommandSubject>(subject: S, data: RequestOf<S>) => h.rpc.request(subject, data);

  beforeAll(async () => {
    h = await startInventory();
    await rpc(InventorySubjects.createSource, { code: 'WAREHOUSE', name: 'Warehouse', kind: 'WAREHOUSE', priority: 1 });
    await rpc(InventorySubjects.createSource, { code: 'EAST', name: 'East warehouse', kind: 'WAREHOUSE', priority: 2 });
    await rpc(InventorySubjects.createSource, { code: 'DIST-A', name: 'Distributor A', kind: 'SUPPLIER', priority: 0 });
    await rpc(InventorySubjects.createLocation, {
      code: 'WH1',
      name: 'Warehouse aisle 1',
      sourceCode: 'WAREHOUSE',
      priority: 1,
    });
    await rpc(InventorySubjects.createLocation, {
      code: 'WH2',
      name: 'Warehouse aisle 2',
      sourceCode: 'WAREHOUSE',
      priority: 2,
    });
    await rpc(InventorySubjects.createLocation, { code: 'E1', name: 'East', sourceCode: 'EAST' });
    await rpc(InventorySubjects.createProduct, { code: 'WIDGET', name: 'Widget' });
    for (const sku of ['V123', 'V456', 'V789'])
      await rpc(InventorySubjects.createItem, {
        sku,
        name: `Widget ${sku}`,
        productCode: 'WIDGET',
        category: 'WIDGETS',
      });
    await rpc(InventorySubjects.createSourceItem, {
      sourceCode: 'DIST-A',
      supplierSku: 'A123',
      sku: 'V123',
      quantity: 1,
    });
    await rpc(InventorySubjects.createSourceItem, {
      sourceCode: 'DIST-A',
      supplierSku: 'A789',
      sku: 'V789',
      quantity: 10,
    });
    await rpc(InventorySubjects.createSourceItem, { sourceCode: 'WAREHOUSE', supplierSku: 'C456', sku: 'V456' });
    await rpc(InventorySubjects.receiveStock, { sku: 'V456', locationCode: 'WH1', quantity: 3 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists sources in sourcing order, each supplier with its one location', async () => {
    const sources = await rpc(InventorySubjects.listSources, {});
    expect(sources.map((s) => [s.code, s.kind, s.locations])).toEqual([
      ['WAREHOUSE', 'WAREHOUSE', ['WH1', 'WH2']],
      ['EAST', 'WAREHOUSE', ['E1']],
      ['OWN', 'WAREHOUSE', []],
      ['DIST-A', 'SUPPLIER', ['DIST-A']],
    ]);
    const locations = await rpc(InventorySubjects.listLocations, {});
    expect(locations.map((l) => l.code)).toEqual(['WH1', 'WH2', 'E1', 'DIST-A']);
    const product = await rpc(InventorySubjects.getProduct, { code: 'WIDGET' });
    expect(product.variants.map((v) => v.sku)).toEqual(['V123', 'V456', 'V789']);
  });

  it('fills V123 from Distributor A (A123) and V456 from the Warehouse (C456)', async () => {
    const reply = await reserve(
      h,
      anOrder([
        ['V123', 1],
        ['V456', 2],
      ]),
    );
    expect(reply.lines.map((l) => [l.sku, l.reserved, l.backordered, l.allocations])).toEqual([
      [
        'V123',
        1,
        0,
        [{ locationCode: 'DIST-A', quantity: 1, sourceCode: 'DIST-A', sourceKind: 'SUPPLIER', sourceSku: 'A123' }],
      ],
      [
        'V456',
        2,
        0,
        [{ locationCode: 'WH1', quantity: 2, sourceCode: 'WAREHOUSE', sourceKind: 'WAREHOUSE', sourceSku: 'C456' }],
      ],
    ]);
    const availability = await rpc(InventorySubjects.availability, { sku: 'V456' });
    expect(availability).toMatchObject({ onHand: 3, reserved: 2, available: 1, backordered: 0 });
    expect(availability.sources.map((s) => [s.sourceCode, s.sourceSku, s.available])).toEqual([
      ['WAREHOUSE', 'C456', 1],
    ]);
  });

  it('takes our warehouses in priority order before any supplier, splitting a line when allowed', async () => {
    await rpc(InventorySubjects.receiveStock, { sku: 'V789', locationCode: 'E1', quantity: 2 });
    await rpc(InventorySubjects.receiveStock, { sku: 'V789', locationCode: 'WH2', quantity: 1 });
    const split = await reserve(h, anOrder([['V789', 5]]));
    expect(split.lines[0].allocations.map((a) => [a.locationCode, a.quantity])).toEqual([
      ['WH2', 1],
      ['E1', 2],
      ['DIST-A', 2],
    ]);
    const whole = await reserve(h, anOrder([['V789', 3]], { allowSplit: false }));
    expect(whole.lines[0]).toMatchObject({
      reserved: 3,
      backordered: 0,
      allocations: [{ locationCode: 'DIST-A', quantity: 3 }],
    });
    const tooBig = await reserve(h, anOrder([['V789', 6]], { allowSplit: false }));
    expect(tooBig.lines[0]).toMatchObject({ reserved: 0, backordered: 6, allocations: [] });
    expect(await levels(h, 'V789')).toEqual([
      ['WH2', 1, 1],
      ['E1', 2, 2],
      ['DIST-A', 10, 5],
    ]);
  });

  it("applies the header's ship-from location to every line unless a line names its own location or source", async () => {
    await rpc(InventorySubjects.receiveStock, { sku: 'V456', locationCode: 'WH2', quantity: 4 });
    await rpc(InventorySubjects.receiveStock, { sku: 'V456', locationCode: 'E1', quantity: 4 });
    const request = anOrder(
      [
        ['V456', 2],
        ['V456', 1, 'E1'],
      ],
      { shipFromLocation: 'WH2' },
    );
    request.lines.push({ ...anOrder([['V456', 1]]).lines[0], sourceCode: 'EAST' });
    const reply = await reserve(h, request);
    expect(reply.lines.map((l) => l.allocations.map((a) => `${a.locationCode}:${a.quantity}`))).toEqual([
      ['WH2:2'],
      ['E1:1'],
      ['E1:1'],
    ]);
    const forced = await reserve(h, anOrder([['V123', 1]], { sourceCode: 'EAST' }));
    expect(forced.lines[0]).toMatchObject({ reserved: 0, backordered: 1 });
    const wrong = reserve(h, { ...anOrder([['V456', 1]], { sourceCode: 'EAST' }), shipFromLocation: 'WH1' });
    await expect(wrong).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(reserve(h, anOrder([['V456', 1]], { sourceCode: 'NOPE' }))).rejects.toMatchObject({
      code: 'SOURCE_NOT_FOUND',
    });
  });

  it('reserves nothing for an item whose stock is not counted, and ships a linked one from its warehouse', async () => {
    await rpc(InventorySubjects.createItem, { sku: 'SERVICE', name: 'Installation', inventoried: false });
    const linked = await rpc(InventorySubjects.createItem, {
      sku: 'MANUAL',
      name: 'Printed manual',
      inventoried: false,
      warehouseLocationCode: 'WH1',
      bin: 'A-01',
    });
    expect(linked).toMatchObject({
      inventoried: false,
      linkedToWarehouse: true,
      warehouseLocationCode: 'WH1',
      bin: 'A-01',
      taxClass: 'STANDARD',
    });
    const reply = await reserve(
      h,
      anOrder([
        ['SERVICE', 2],
        ['MANUAL', 1],
      ]),
    );
    expect(
      reply.lines.map((l) => [
        l.sku,
        l.inventoried,
        l.reserved,
        l.backordered,
        l.allocations.map((a) => a.locationCode),
      ]),
    ).toEqual([
      ['SERVICE', false, 2, 0, []],
      ['MANUAL', false, 1, 0, ['WH1']],
    ]);
    expect(await levels(h, 'MANUAL')).toEqual([]);
  });

  it('keeps kits with their components, and reserves a stocked kit as itself', async () => {
    const kit = await rpc(InventorySubjects.createItem, {
      sku: 'KIT-1',
      name: 'Widget kit',
      components: [
        { sku: 'V456', quantity: 2 },
        { sku: 'V123', quantity: 1 },
      ],
    });
    expect(kit).toMatchObject({
      kit: true,
      components: [
        { sku: 'V123', quantity: 1 },
        { sku: 'V456', quantity: 2 },
      ],
    });
    const selfKit = rpc(InventorySubjects.createItem, {
      sku: 'KIT-2',
      name: 'Bad',
      components: [{ sku: 'KIT-2', quantity: 1 }],
    });
    await expect(selfKit).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const reply = await reserve(h, anOrder([['KIT-1', 1]]));
    expect(reply.lines[0]).toMatchObject({
      reserved: 0,
      backordered: 1,
      components: [
        { sku: 'V123', quantity: 1 },
        { sku: 'V456', quantity: 2 },
      ],
    });
  });

  it("applies a supplier's feed and rejects stale, negative, unknown and duplicate rows with a reason", async () => {
    await rpc(InventorySubjects.createSourceItem, {
      sourceCode: 'DIST-A',
      supplierSku: 'A456',
      sku: 'V456',
      quantity: 0,
    });
    const later = (ms: number) => new Date(Date.now() + ms).toISOString();
    const reply = await rpc(InventorySubjects.applySupplierFeed, {
      sourceCode: 'DIST-A',
      rows: [
        { supplierSku: 'A456', quantity: 7, asOf: later(1000) },
        { supplierSku: 'A123', quantity: -2 },
        { supplierSku: 'A999', quantity: 1 },
        { supplierSku: 'A789', quantity: 4, asOf: '2020-01-01T00:00:00Z' },
        { supplierSku: 'A789', quantity: 2 },
        { supplierSku: 'A456', quantity: 9, asOf: new Date(Date.now() - 60_000).toISOString() },
        { supplierSku: 'A123', quantity: 2, asOf: later(1000) },
        { supplierSku: 'A123', quantity: 3, asOf: later(2000) },
      ],
    });
    expect(reply.applied).toEqual([
      { supplierSku: 'A456', sku: 'V456', previous: 0, quantity: 7 },
      { supplierSku: 'A123', sku: 'V123', previous: 1, quantity: 3 },
    ]);
    expect(reply.rejected.map((r) => [r.row, r.reason])).toEqual([
      [1, 'NEGATIVE_QUANTITY'],
      [2, 'UNKNOWN_SUPPLIER_SKU'],
      [3, 'STALE'],
      [4, 'BELOW_RESERVED'],
      [5, 'STALE'],
      [6, 'DUPLICATE_ROW'],
    ]);
    expect(reply.rejected[3].message).toBe('Quantity 2 is below the 5 already reserved at this supplier');
    expect((await levels(h, 'V789')).find((l) => l[0] === 'DIST-A')).toEqual(['DIST-A', 10, 5]);
    const fixed = await rpc(InventorySubjects.applySupplierFeed, {
      sourceCode: 'DIST-A',
      rows: [{ supplierSku: 'A789', quantity: 6 }],
    });
    expect(fixed.applied).toEqual([{ supplierSku: 'A789', sku: 'V789', previous: 10, quantity: 6 }]);
    const items = await rpc(InventorySubjects.listSourceItems, { sourceCode: 'DIST-A' });
    expect(items.items.map((i) => [i.supplierSku, i.sku, i.onHand, i.reserved])).toEqual([
      ['A123', 'V123', 3, 1],
      ['A456', 'V456', 7, 0],
      ['A789', 'V789', 6, 5],
    ]);
    const warehouseFeed = await rpc(InventorySubjects.applySupplierFeed, {
      sourceCode: 'WAREHOUSE',
      rows: [{ supplierSku: 'C456', quantity: 1 }],
    }).catch((e: ErrorPayload) => e);
    expect(warehouseFeed).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await consistency(h)).toMatchObject({ consistent: true });
  });
});
