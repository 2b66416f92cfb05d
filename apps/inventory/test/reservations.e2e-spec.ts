import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type ErrorPayload, InventorySubjects, type Page, type ReserveStockReply, type StockLevelView } from '#contracts';
import { createTestDatabase, startInProcess, startTestNats, type TestDatabase, type TestNats, TestRpcClient } from '#testing';
import { inventoryService } from '../src/app.module.js';

describe('inventory reservations over NATS against Postgres', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let app: INestApplication;
  let rpc: TestRpcClient;

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase(), startTestNats()]);
    app = await startInProcess(inventoryService, { DATABASE_URL: db.url, NATS_URL: nats.url });
    rpc = await TestRpcClient.connect(nats.url);
    await rpc.request(InventorySubjects.createItem, { sku: 'HOT', name: 'Hot item' });
    await rpc.request(InventorySubjects.createLocation, { code: 'WH1', name: 'First', priority: 1 });
    await rpc.request(InventorySubjects.createLocation, { code: 'WH2', name: 'Second', priority: 2 });
    await rpc.request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH1', quantity: 30 });
    await rpc.request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH2', quantity: 20 });
  });

  afterAll(async () => {
    await rpc?.close();
    await app?.close();
    await nats?.stop();
    await db?.drop();
  });

  it('never reserves more than is on hand when 200 orders compete for 50 units', async () => {
    const requests = Array.from({ length: 200 }, () => ({
      orderId: randomUUID(),
      lines: [{ lineId: randomUUID(), sku: 'HOT', quantity: 1 }],
    }));
    const replies = await Promise.all(requests.map((r) => rpc.request<ReserveStockReply>(InventorySubjects.reserve, r)));
    const reserved = replies.reduce((sum, r) => sum + r.lines[0].reserved, 0);
    const backordered = replies.reduce((sum, r) => sum + r.lines[0].backordered, 0);
    expect(reserved).toBe(50);
    expect(backordered).toBe(150);
    const levels = await rpc.request<Page<StockLevelView>>(InventorySubjects.listStock, { sku: 'HOT' });
    expect(levels.items.map((l) => [l.locationCode, l.onHand, l.reserved])).toEqual([
      ['WH1', 30, 30],
      ['WH2', 20, 20],
    ]);
    const [ledger] = await db.query<{ reserved: number }>(
      `SELECT sum(reserved_delta)::int AS reserved FROM inventory.ledger WHERE kind IN ('RESERVATION', 'RELEASE')`,
    );
    expect(ledger.reserved).toBe(50);
  });

  it('changes nothing when the same reservation is asked for twice, and releases once', async () => {
    await rpc.request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH2', quantity: 5 });
    const request = { orderId: randomUUID(), lines: [{ lineId: randomUUID(), sku: 'HOT', quantity: 3 }] };
    const first = await rpc.request<ReserveStockReply>(InventorySubjects.reserve, request);
    const second = await rpc.request<ReserveStockReply>(InventorySubjects.reserve, request);
    expect(second.lines[0]).toEqual(first.lines[0]);
    expect(first.lines[0]).toMatchObject({ reserved: 3, backordered: 0, allocations: [{ locationCode: 'WH2', quantity: 3 }] });
    const level = async () => (await rpc.request<Page<StockLevelView>>(InventorySubjects.listStock, { sku: 'HOT', locationCode: 'WH2' })).items[0];
    expect((await level()).reserved).toBe(23);
    await rpc.request(InventorySubjects.release, { orderId: request.orderId });
    await rpc.request(InventorySubjects.release, { orderId: request.orderId });
    expect((await level()).reserved).toBe(20);
  });

  it('refuses unknown SKUs and bad quantities without changing stock', async () => {
    const unknown = rpc.request(InventorySubjects.reserve, { orderId: randomUUID(), lines: [{ lineId: randomUUID(), sku: 'NOPE', quantity: 1 }] });
    await expect(unknown).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' });
    const bad = await rpc
      .request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH1', quantity: 0 })
      .catch((e: ErrorPayload) => e);
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'quantity' }] } });
    const forbidden = rpc.request(InventorySubjects.receiveStock, { sku: 'HOT', locationCode: 'WH1', quantity: 1 }, { actorId: 'c1', role: 'customer' });
    await expect(forbidden).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const levels = await rpc.request<Page<StockLevelView>>(InventorySubjects.listStock, { sku: 'HOT', locationCode: 'WH1' });
    expect(levels.items[0].onHand).toBe(30);
  });
});
