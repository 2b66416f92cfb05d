import { randomUUID } from 'node:crypto';
import { type ErrorPayload, InventorySubjects, type CommandSubject, type RequestOf } from '#contracts';
import { anOrder, consistency, type Inventory, levels, reserve, startInventory } from './support.js';

describe('stock moves, the ledger and the consistency check', () => {
  let h: Inventory;
  const rpc = <S extends CommandSubject>(subject: S, data: RequestOf<S>) => h.rpc.request(subject, data);
  const fails = (subject: string, data: object) =>
    h.rpc.send(subject, data).then(
      () => undefined,
      (e: ErrorPayload) => e,
    );
  const ledger = async (query: object) => (await rpc(InventorySubjects.listLedger, { limit: 500, ...query })).items;

  beforeAll(async () => {
    h = await startInventory();
    await rpc(InventorySubjects.createItem, { sku: 'BOLT', name: 'Bolt' });
    await rpc(InventorySubjects.createLocation, { code: 'WH1', name: 'First', priority: 1 });
    await rpc(InventorySubjects.createLocation, { code: 'WH2', name: 'Second', priority: 2 });
    await rpc(InventorySubjects.createSource, { code: 'DIST-A', name: 'Distributor A', kind: 'SUPPLIER' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('receives, adjusts, transfers, restocks returns and writes off, with a ledger row for each', async () => {
    await rpc(InventorySubjects.receiveStock, { sku: 'BOLT', locationCode: 'WH1', quantity: 10, reference: 'PO-1' });
    const adjusted = await rpc(InventorySubjects.adjustStock, {
      sku: 'BOLT',
      locationCode: 'WH1',
      quantity: -2,
      reason: 'Cycle count',
    });
    expect(adjusted).toMatchObject({
      onHand: 8,
      reserved: 0,
      available: 8,
      sourceCode: 'OWN',
      sourceKind: 'WAREHOUSE',
    });
    const moved = await rpc(InventorySubjects.transferStock, {
      sku: 'BOLT',
      fromLocationCode: 'WH1',
      toLocationCode: 'WH2',
      quantity: 3,
    });
    expect([moved.from.onHand, moved.to.onHand]).toEqual([5, 3]);
    expect(moved.reference).toMatch(/^TR-/);
    const lineId = randomUUID();
    await rpc(InventorySubjects.restockReturn, {
      sku: 'BOLT',
      locationCode: 'WH2',
      quantity: 1,
      orderLineId: lineId,
      reference: 'RMA-1',
    });
    await rpc(InventorySubjects.writeOffStock, { sku: 'BOLT', locationCode: 'WH2', quantity: 2, reason: 'Rusty' });
    expect(await levels(h, 'BOLT')).toEqual([
      ['WH1', 5, 0],
      ['WH2', 2, 0],
    ]);
    const rows = await ledger({ sku: 'BOLT' });
    expect(
      rows.map((r) => [r.kind, r.locationCode, r.onHandDelta, r.reservedDelta, r.reference ?? null, r.reason ?? null]),
    ).toEqual([
      ['RECEIPT', 'WH1', 10, 0, 'PO-1', null],
      ['ADJUSTMENT', 'WH1', -2, 0, null, 'Cycle count'],
      ['TRANSFER_OUT', 'WH1', -3, 0, moved.reference, 'transfer WH1 -> WH2'],
      ['TRANSFER_IN', 'WH2', 3, 0, moved.reference, 'transfer WH1 -> WH2'],
      ['RETURN_RESTOCK', 'WH2', 1, 0, 'RMA-1', 'customer return restocked'],
      ['WRITE_OFF', 'WH2', -2, 0, null, 'Rusty'],
    ]);
    expect(rows.every((r) => r.actor === 'test' && r.requestId)).toBe(true);
    expect(rows[4].orderLineId).toBe(lineId);
    expect((await ledger({ kind: 'TRANSFER_IN' })).map((r) => r.locationCode)).toEqual(['WH2']);
    expect(await consistency(h, 'BOLT')).toMatchObject({ consistent: true, rowsChecked: 2 });
  });

  it('refuses bad input with a 4xx naming the problem, and changes nothing', async () => {
    await reserve(h, anOrder([['BOLT', 4]]));
    const before = await levels(h, 'BOLT');
    const ledgerSize = (await ledger({})).length;
    const cases: Array<[string, object, string, RegExp]> = [
      [
        InventorySubjects.receiveStock,
        { sku: 'BOLT', locationCode: 'WH1', quantity: -1 },
        'VALIDATION_FAILED',
        /quantity/,
      ],
      [
        InventorySubjects.adjustStock,
        { sku: 'BOLT', locationCode: 'WH1', quantity: 0, reason: 'x' },
        'VALIDATION_FAILED',
        /quantity must not be 0/,
      ],
      [
        InventorySubjects.transferStock,
        { sku: 'BOLT', fromLocationCode: 'WH1', toLocationCode: 'WH2', quantity: 0 },
        'VALIDATION_FAILED',
        /quantity/,
      ],
      [InventorySubjects.receiveStock, { sku: 'NOPE', locationCode: 'WH1', quantity: 1 }, 'ITEM_NOT_FOUND', /NOPE/],
      [InventorySubjects.receiveStock, { sku: 'BOLT', locationCode: 'WH9', quantity: 1 }, 'LOCATION_NOT_FOUND', /WH9/],
      [
        InventorySubjects.receiveStock,
        { sku: 'BOLT', locationCode: 'DIST-A', quantity: 1 },
        'VALIDATION_FAILED',
        /supplier/,
      ],
      [
        InventorySubjects.transferStock,
        { sku: 'BOLT', fromLocationCode: 'WH1', toLocationCode: 'WH1', quantity: 1 },
        'VALIDATION_FAILED',
        /different locations/,
      ],
      [
        InventorySubjects.adjustStock,
        { sku: 'BOLT', locationCode: 'WH1', quantity: -2, reason: 'Lost' },
        'INSUFFICIENT_STOCK',
        /below reserved \(on hand 5, reserved 4/,
      ],
      [
        InventorySubjects.writeOffStock,
        { sku: 'BOLT', locationCode: 'WH1', quantity: 2, reason: 'Lost' },
        'INSUFFICIENT_STOCK',
        /below reserved/,
      ],
      [
        InventorySubjects.transferStock,
        { sku: 'BOLT', fromLocationCode: 'WH1', toLocationCode: 'WH2', quantity: 2 },
        'INSUFFICIENT_STOCK',
        /WH1 has 1 of BOLT available/,
      ],
      [InventorySubjects.adjustStock, { sku: 'BOLT', locationCode: 'WH1', quantity: 1 }, 'VALIDATION_FAILED', /reason/],
    ];
    for (const [subject, data, code, message] of cases) {
      const error = await fails(subject, data);
      expect({ subject, code: error?.code, message: error?.message }).toEqual({
        subject,
        code,
        message: expect.stringMatching(message),
      });
    }
    expect(await levels(h, 'BOLT')).toEqual(before);
    expect((await ledger({})).length).toBe(ledgerSize);
    const customer = h.rpc.request(
      InventorySubjects.adjustStock,
      { sku: 'BOLT', locationCode: 'WH1', quantity: 1, reason: 'x' },
      { actorId: 's', role: 'sales' },
    );
    await expect(customer).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reports every difference between stock, ledger and reservations, and ledger rows that break their kind', async () => {
    const at = (code: string) => `(SELECT id FROM inventory.locations WHERE code = '${code}')`;
    expect(await consistency(h, 'BOLT')).toMatchObject({ consistent: true });
    const [[, onHand1, reserved1], [, onHand2, reserved2]] = await levels(h, 'BOLT');
    await h.db.query(`UPDATE inventory.stock SET on_hand = on_hand + 7 WHERE location_id = ${at('WH2')}`);
    await h.db.query(
      `UPDATE inventory.reservations SET quantity = quantity - 1 WHERE location_id = ${at('WH1')} AND quantity = 4`,
    );
    await h.db.query(
      `INSERT INTO inventory.ledger (item_id, location_id, kind, on_hand_delta, reserved_delta, actor)
       SELECT item_id, location_id, 'RECEIPT', -1, 0, 'tamper' FROM inventory.stock WHERE location_id = ${at('WH1')}`,
    );
    const report = await consistency(h, 'BOLT');
    expect(report.consistent).toBe(false);
    expect(report.differences).toEqual([
      {
        sku: 'BOLT',
        locationCode: 'WH1',
        onHand: onHand1,
        ledgerOnHand: onHand1 - 1,
        reserved: reserved1,
        reservations: reserved1 - 1,
        ledgerReserved: reserved1,
      },
      {
        sku: 'BOLT',
        locationCode: 'WH2',
        onHand: onHand2 + 7,
        ledgerOnHand: onHand2,
        reserved: reserved2,
        reservations: reserved2,
        ledgerReserved: reserved2,
      },
    ]);
    expect(report.ledgerViolations.map((v) => [v.kind, v.onHandDelta, v.reservedDelta])).toEqual([['RECEIPT', -1, 0]]);
    await expect(rpc(InventorySubjects.checkConsistency, { sku: 'NOPE' })).rejects.toMatchObject({
      code: 'ITEM_NOT_FOUND',
    });
  });
});
