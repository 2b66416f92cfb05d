import { randomUUID } from 'node:crypto';
import type { CustomerView, OrderView } from '#contracts';
import type { Api } from '#testing';
import { type GatewayHarness, ordersOf, startGateway } from './support.js';

/**
 * `Idempotency-Key` on every POST, shown on POST /orders and on routes beyond it: a retry of the same request gets the first answer and
 * makes nothing new, another request under the same key is refused, and requests that race
 * with one key make one order.
 */
describe('gateway: idempotent order placement', () => {
  let h: GatewayHarness;
  let sales: Api;
  let customer: CustomerView;
  const body = (quantity = 1) => ({ customerId: customer.id, lines: [{ sku: 'ID-1', quantity }] });
  const key = () => `order-${randomUUID()}`;

  beforeAll(async () => {
    h = await startGateway();
    await h.fx.location('WH1', { priority: 1 });
    await h.fx.stockedItem({ sku: 'ID-1', priceMinor: 700, stock: { WH1: 100 } });
    sales = await h.as('sales');
  });

  beforeEach(async () => {
    customer = await h.fx.customer({ defaultShipFrom: 'WH1' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers a retry with the same key and body with the first reply, and makes one order', async () => {
    const k = key();
    const first = await sales.post('/orders', body(2), { 'Idempotency-Key': k }).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await sales.post('/orders', body(2), { 'Idempotency-Key': k }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await ordersOf(h, customer.id)).map((o) => o.id)).toEqual([(first.body as OrderView).id]);
  });

  it('refuses the key for a different body or route with 422, and makes nothing', async () => {
    const k = key();
    const first: OrderView = (await sales.post('/orders', body(1), { 'Idempotency-Key': k }).expect(201)).body;
    const other = await sales.post('/orders', body(3), { 'Idempotency-Key': k }).expect(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const route = await sales.post('/customers', { name: 'Not made' }, { 'Idempotency-Key': k }).expect(422);
    expect(route.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await ordersOf(h, customer.id)).map((o) => o.id)).toEqual([first.id]);
    const named = await h.admin.get('/customers?limit=200').expect(200);
    expect((named.body as { items: CustomerView[] }).items.some((c) => c.name === 'Not made')).toBe(false);
  });

  it('keeps keys apart per API key: the same key from another caller is its own request', async () => {
    const k = key();
    const mine: OrderView = (await sales.post('/orders', body(1), { 'Idempotency-Key': k }).expect(201)).body;
    const theirs: OrderView = (await h.admin.post('/orders', body(1), { 'Idempotency-Key': k }).expect(201)).body;
    expect(theirs.id).not.toBe(mine.id);
    expect(await ordersOf(h, customer.id)).toHaveLength(2);
  });

  it('makes one order when eight requests with one key arrive at once; the others replay it or are told to retry', async () => {
    const k = key();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => sales.post('/orders', body(4), { 'Idempotency-Key': k })),
    );
    const made = responses.filter((r) => r.status === 201);
    const busy = responses.filter((r) => r.status === 409);
    expect(made.length + busy.length).toBe(8);
    expect(made.length).toBeGreaterThan(0);
    expect(new Set(made.map((r) => (r.body as OrderView).id)).size).toBe(1);
    for (const r of busy) {
      expect(r.body).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    const orders = await ordersOf(h, customer.id);
    expect(orders.map((o) => o.id)).toEqual([(made[0].body as OrderView).id]);
    expect(orders[0].lines[0]).toMatchObject({ quantity: 4, reservedQuantity: 4 });
    const retry = await sales.post('/orders', body(4), { 'Idempotency-Key': k }).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((retry.body as OrderView).id).toBe(orders[0].id);
  });

  it('frees the key when the request fails, so the corrected request can use it', async () => {
    const k = key();
    const bad = await sales
      .post('/orders', { customerId: customer.id, lines: [{ sku: 'ID-1', quantity: 0 }] }, { 'Idempotency-Key': k })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const unpriced = await sales
      .post('/orders', { customerId: customer.id, lines: [{ sku: 'ID-NONE', quantity: 1 }] }, { 'Idempotency-Key': k })
      .expect(422);
    expect(unpriced.body).toMatchObject({ code: 'PRICE_NOT_FOUND' });
    expect(await ordersOf(h, customer.id)).toEqual([]);
    const placed: OrderView = (await sales.post('/orders', body(1), { 'Idempotency-Key': k }).expect(201)).body;
    expect((await ordersOf(h, customer.id)).map((o) => o.id)).toEqual([placed.id]);
  });

  it('refuses a malformed key with 400 naming the header, before anything runs', async () => {
    const response = await sales.post('/orders', body(1), { 'Idempotency-Key': 'short' }).expect(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'Idempotency-Key', problems: [expect.stringContaining('8-128')] }],
    });
    expect(await ordersOf(h, customer.id)).toEqual([]);
  });

  it('replays any POST, not only orders: a retried stock receipt is received once, a retried customer made once', async () => {
    const warehouse = await h.as('warehouse');
    const k = key();
    const receipt = { sku: 'ID-1', locationCode: 'WH1', quantity: 5, reference: 'PO-IDEM-1' };
    const before = (await h.admin.get('/stock?sku=ID-1').expect(200)).body as { items: Array<{ onHand: number }> };
    const first = await warehouse.post('/stock/receipts', receipt, { 'Idempotency-Key': k }).expect(201);
    const again = await warehouse.post('/stock/receipts', receipt, { 'Idempotency-Key': k }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const after = (await h.admin.get('/stock?sku=ID-1').expect(200)).body as { items: Array<{ onHand: number }> };
    expect(after.items[0].onHand).toBe(before.items[0].onHand + 5);
    const other = await warehouse.post('/stock/receipts', { ...receipt, quantity: 6 }, { 'Idempotency-Key': k });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    const name = `Idempotent ${randomUUID()}`;
    const c = key();
    const made: CustomerView = (await sales.post('/customers', { name }, { 'Idempotency-Key': c }).expect(201)).body;
    const retried = await sales.post('/customers', { name }, { 'Idempotency-Key': c }).expect(201);
    expect((retried.body as CustomerView).id).toBe(made.id);
    const listed = (await h.admin.get('/customers?limit=200').expect(200)).body as { items: CustomerView[] };
    expect(listed.items.filter((x) => x.name === name)).toHaveLength(1);
  });

  it('documents the key on every POST but the quote, which changes nothing and is never replayed', async () => {
    const document = (await h.admin.get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        { post?: { parameters?: Array<{ name: string; in: string }>; responses: Record<string, { headers?: object }> } }
      >;
    };
    const posts = Object.entries(document.paths).filter(([, item]) => item.post);
    expect(posts.length).toBeGreaterThan(40);
    const withKey = (op: { parameters?: Array<{ name: string; in: string }> }) =>
      (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    const missing = posts.filter(([path, item]) => path !== '/prices/quote' && !withKey(item.post!)).map(([p]) => p);
    expect(missing).toEqual([]);
    expect(withKey(document.paths['/prices/quote'].post!)).toBe(false);
    const orders = document.paths['/orders'].post!;
    expect(orders.responses['201'].headers).toHaveProperty('Idempotent-Replayed');
    expect(Object.keys(orders.responses)).toEqual(expect.arrayContaining(['409', '422']));

    const quote = { customerId: customer.id, currency: 'EUR', lines: [{ lineId: 'l1', sku: 'ID-1', quantity: 1 }] };
    const q = key();
    const firstQuote = await sales.post('/prices/quote', quote, { 'Idempotency-Key': q }).expect(200);
    expect(firstQuote.body).toMatchObject({ currency: 'EUR' });
    const second = await sales.post(
      '/prices/quote',
      { ...quote, lines: [{ lineId: 'l1', sku: 'ID-1', quantity: 2 }] },
      { 'Idempotency-Key': q },
    );
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });
});
