import { spawnSync } from 'node:child_process';
import type {
  AvailabilityView,
  ConsistencyReport,
  CustomerView,
  LedgerEntryView,
  OrderView,
  Page,
  PickTicketView,
  StockChangeView,
} from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/**
 * Sourcing through the gateway with every service running: the domain example (order
 * 1102: V123 from Distributor A's A123, V456 from the Warehouse's C456), then a back-order
 * that a later receipt releases automatically, which orders shows as an active line and
 * the warehouse picks.
 */
describe('inventory and sourcing, end to end through the gateway', () => {
  let system: TestSystem;
  let admin: Api;
  let warehouse: Api;
  let sales: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    system = await TestSystem.start();
    admin = new Api(system.gatewayUrl, system.adminKey);
    warehouse = admin.as((await admin.post('/api-keys', { name: 'wh-desk', role: 'warehouse' }).expect(201)).body.key);
    sales = admin.as((await admin.post('/api-keys', { name: 'sales-desk', role: 'sales' }).expect(201)).body.key);
    await warehouse
      .post('/sources', { code: 'WAREHOUSE', name: 'Warehouse', kind: 'WAREHOUSE', priority: 1 })
      .expect(201);
    await warehouse.post('/sources', { code: 'DIST-A', name: 'Distributor A', kind: 'SUPPLIER' }).expect(201);
    await warehouse.post('/locations', { code: 'WH1', name: 'Warehouse main', sourceCode: 'WAREHOUSE' }).expect(201);
    await warehouse.post('/products', { code: 'WIDGET', name: 'Widget' }).expect(201);
    for (const sku of ['V123', 'V456', 'V789']) {
      await warehouse
        .post('/items', { sku, name: `Widget ${sku}`, productCode: 'WIDGET', category: 'WIDGETS', weightGrams: 250 })
        .expect(201);
      await admin.post('/prices', { sku, currency: 'EUR', unitPriceMinor: 1000 }).expect(201);
    }
    await warehouse.post('/sources/DIST-A/items', { supplierSku: 'A123', sku: 'V123', quantity: 1 }).expect(201);
    await warehouse.post('/sources/WAREHOUSE/items', { supplierSku: 'C456', sku: 'V456' }).expect(201);
    await warehouse
      .post('/stock/receipts', { sku: 'V456', locationCode: 'WH1', quantity: 3, reference: 'PO-1' })
      .expect(201);
    customer = (await sales.post('/customers', { name: 'B2B Client', currency: 'EUR' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('fills V123 from Distributor A (A123) and V456 from the Warehouse (C456); only the warehouse line is picked', async () => {
    const order: OrderView = (
      await sales
        .post('/orders', {
          customerId: customer.id,
          customerReference: '1102',
          lines: [
            { sku: 'V123', quantity: 1 },
            { sku: 'V456', quantity: 2 },
          ],
        })
        .expect(201)
    ).body;
    expect(
      order.lines.map((l) => [l.sku, l.lineStatus, l.reservedQuantity, l.backorderedQuantity, l.allocations]),
    ).toEqual([
      [
        'V123',
        'ACTIVE',
        1,
        0,
        [{ locationCode: 'DIST-A', quantity: 1, sourceCode: 'DIST-A', sourceKind: 'SUPPLIER', sourceSku: 'A123' }],
      ],
      [
        'V456',
        'ACTIVE',
        2,
        0,
        [{ locationCode: 'WH1', quantity: 2, sourceCode: 'WAREHOUSE', sourceKind: 'WAREHOUSE', sourceSku: 'C456' }],
      ],
    ]);
    const availability: AvailabilityView = (await sales.get('/stock/availability/V456').expect(200)).body;
    expect(availability).toMatchObject({
      onHand: 3,
      reserved: 2,
      available: 1,
      sources: [{ sourceCode: 'WAREHOUSE', sourceSku: 'C456', available: 1 }],
    });
    const tickets = await eventually(
      async () => {
        const generated: PickTicketView[] = (await warehouse.post('/pick-tickets/generate', {}).expect(200)).body;
        return generated.length > 0 ? generated : undefined;
      },
      15_000,
      'a pick ticket for order 1102',
    );
    expect(tickets.map((t) => [t.orderId, t.locationCode, t.lines.map((l) => [l.sku, l.quantity])])).toEqual([
      [order.id, 'WH1', [['V456', 2]]],
    ]);
  });

  it('honours a source forced on a line: nothing is taken from elsewhere', async () => {
    const forced: OrderView = (
      await sales
        .post('/orders', { customerId: customer.id, lines: [{ sku: 'V456', quantity: 1, sourceCode: 'DIST-A' }] })
        .expect(201)
    ).body;
    // Distributor A does not carry V456, so the line waits, although the Warehouse has one.
    expect(forced.lines[0]).toMatchObject({
      lineStatus: 'BACK_ORDERED',
      reservedQuantity: 0,
      backorderedQuantity: 1,
      allocations: [],
    });
    const free: OrderView = (
      await sales
        .post('/orders', { customerId: customer.id, sourceCode: 'WAREHOUSE', lines: [{ sku: 'V456', quantity: 1 }] })
        .expect(201)
    ).body;
    expect(free.lines[0]).toMatchObject({
      lineStatus: 'ACTIVE',
      reservedQuantity: 1,
      allocations: [expect.objectContaining({ sourceCode: 'WAREHOUSE' })],
    });
    await admin.post(`/orders/${forced.id}/cancel`).expect(200);
    await admin.post(`/orders/${free.id}/cancel`).expect(200);
  });

  it('releases a back-order automatically when stock is received: orders shows the line active, the warehouse picks it', async () => {
    const order: OrderView = (
      await sales.post('/orders', { customerId: customer.id, lines: [{ sku: 'V789', quantity: 2 }] }).expect(201)
    ).body;
    expect(order.lines[0]).toMatchObject({
      lineStatus: 'BACK_ORDERED',
      reservedQuantity: 0,
      backorderedQuantity: 2,
      allocations: [],
    });
    expect(order.status).toBe('BACK_ORDERED');
    const waiting = await eventually(
      async () => {
        const page = (await sales.get(`/backorders?orderId=${order.id}`).expect(200)).body;
        return page.items[0]?.confirmed ? page.items : undefined;
      },
      15_000,
      'inventory to learn the order was placed',
    );
    expect(waiting).toEqual([expect.objectContaining({ sku: 'V789', backordered: 2, orderNumber: order.number })]);

    const receipt: StockChangeView = (
      await warehouse
        .post('/stock/receipts', { sku: 'V789', locationCode: 'WH1', quantity: 5, reference: 'PO-2' })
        .expect(201)
    ).body;
    expect(receipt).toMatchObject({ onHand: 5, reserved: 2, available: 3, releasedToBackorders: 2 });
    const active = await eventually(
      async () => {
        const current: OrderView = (await sales.get(`/orders/${order.id}`).expect(200)).body;
        return current.lines[0].lineStatus === 'ACTIVE' ? current : undefined;
      },
      15_000,
      'orders to show the released line active',
    );
    expect(active.lines[0]).toMatchObject({
      reservedQuantity: 2,
      backorderedQuantity: 0,
      allocations: [expect.objectContaining({ locationCode: 'WH1', quantity: 2 })],
    });
    expect(active.status).toBe('OPEN');
    const tickets = await eventually(
      async () => {
        const generated: PickTicketView[] = (await warehouse.post('/pick-tickets/generate', {}).expect(200)).body;
        return generated.length > 0 ? generated : undefined;
      },
      15_000,
      'a pick ticket for the released line',
    );
    expect(tickets.map((t) => [t.orderId, t.locationCode, t.lines.map((l) => [l.sku, l.quantity])])).toEqual([
      [order.id, 'WH1', [['V789', 2]]],
    ]);
    const ledger: Page<LedgerEntryView> = (await sales.get('/stock/ledger?sku=V789').expect(200)).body;
    expect(ledger.items.map((e) => [e.kind, e.onHandDelta, e.reservedDelta, e.reference ?? e.reason])).toEqual([
      ['RECEIPT', 5, 0, 'PO-2'],
      ['RESERVATION', 0, 2, 'back-order release'],
    ]);
  });

  it('answers bad stock moves with a problem naming it, lets sales read but not move stock, and stays consistent', async () => {
    const same = await warehouse
      .post('/stock/transfers', { sku: 'V789', fromLocationCode: 'WH1', toLocationCode: 'WH1', quantity: 1 })
      .expect(400);
    expect(same.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'toLocationCode' }] });
    const below = await warehouse
      .post('/stock/adjustments', { sku: 'V456', locationCode: 'WH1', quantity: -2, reason: 'Count' })
      .expect(409);
    expect(below.body).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(below.body.detail).toMatch(/below reserved/);
    await warehouse.post('/stock/receipts', { sku: 'V789', locationCode: 'NOWHERE', quantity: 1 }).expect(404);
    await warehouse.post('/stock/receipts', { sku: 'V789', locationCode: 'WH1', quantity: -3 }).expect(400);
    await sales.post('/stock/adjustments', { sku: 'V789', locationCode: 'WH1', quantity: 1, reason: 'x' }).expect(403);
    await sales.get('/stock?sku=V789').expect(200);
    const report: ConsistencyReport = (await sales.get('/stock/consistency').expect(200)).body;
    expect(report).toMatchObject({ consistent: true, differences: [], ledgerViolations: [] });
    const command = spawnSync(process.execPath, ['dist/apps/inventory/src/consistency-check.main.js', 'V789'], {
      env: { PATH: process.env.PATH, DATABASE_URL: system.db.url, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(command.status).toBe(0);
    expect(JSON.parse(command.stdout)).toMatchObject({ sku: 'V789', consistent: true, rowsChecked: 1 });
  });
});
