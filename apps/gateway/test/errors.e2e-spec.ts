import { randomUUID } from 'node:crypto';
import type { CustomerView, ItemView, Page } from '#contracts';
import type { Api } from '#testing';
import { type GatewayHarness, ordersOf, startGateway } from './support.js';

const PROBLEM = /^application\/problem\+json/;

/**
 * What a client sees when a request fails: an application/problem+json body with the error
 * code, the request id (the client's X-Request-Id when it sent one), the field problems of a
 * bad body, and no change anywhere behind the gateway.
 */
describe('gateway: error bodies and request validation', () => {
  let h: GatewayHarness;
  let sales: Api;
  let customer: CustomerView;

  beforeAll(async () => {
    h = await startGateway();
    await h.fx.location('WH1', { priority: 1 });
    await h.fx.stockedItem({ sku: 'ER-1', priceMinor: 100, stock: { WH1: 10 } });
    customer = await h.fx.customer({ defaultShipFrom: 'WH1' });
    sales = await h.as('sales');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers a bad body with 400 problem+json naming each field, its request id and where', async () => {
    const requestId = `client-${randomUUID()}`;
    const response = await sales
      .post(
        '/orders',
        { customerId: 'nope', lines: [{ sku: 'ER-1', quantity: 0 }], colour: 'red' },
        { 'X-Request-Id': requestId },
      )
      .expect(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.headers['x-request-id']).toBe(requestId);
    expect(response.body).toMatchObject({
      type: 'urn:o2c:error:validation-failed',
      title: 'Validation failed',
      status: 400,
      code: 'VALIDATION_FAILED',
      requestId,
      instance: '/orders',
    });
    const errors = response.body.errors as Array<{ field: string; problems: string[] }>;
    expect(errors.map((e) => e.field).sort()).toEqual(['colour', 'customerId', 'lines[0].quantity']);
    for (const error of errors) expect(error.problems.length).toBeGreaterThan(0);
    expect(errors.find((e) => e.field === 'customerId')!.problems).toEqual([expect.stringContaining('UUID')]);
  });

  it('changes nothing on a bad body: no order, no reservation, no customer, no item', async () => {
    const stockBefore = (await h.admin.get('/stock?sku=ER-1').expect(200)).body as unknown;
    const bad: Array<[string, object]> = [
      ['/orders', { customerId: customer.id, lines: [{ sku: 'ER-1', quantity: -2 }] }],
      ['/orders', { customerId: customer.id, lines: [] }],
      ['/orders', { customerId: customer.id, lines: [{ sku: 'ER-1', quantity: 1.5 }] }],
      ['/customers', { name: 'Bad Mail Ltd', email: 'not-an-email' }],
      ['/items', { sku: 'bad sku with spaces', name: 'Nope' }],
    ];
    for (const [path, body] of bad) {
      const response = await h.admin.post(path, body);
      expect([path, response.status, response.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    expect(await ordersOf(h, customer.id)).toEqual([]);
    expect((await h.admin.get('/stock?sku=ER-1').expect(200)).body).toEqual(stockBefore);
    const customers = (await h.admin.get('/customers?limit=200').expect(200)).body as Page<CustomerView>;
    expect(customers.items.map((c) => c.name)).not.toContain('Bad Mail Ltd');
    const items = (await h.admin.get('/items?limit=200').expect(200)).body as Page<ItemView>;
    expect(items.items.map((i) => i.sku)).toEqual(['ER-1']);
  });

  it('maps a service error that crossed NATS to its HTTP status, with code, detail and request id', async () => {
    const missing = randomUUID();
    const notFound = await sales.get(`/orders/${missing}`).expect(404);
    expect(notFound.headers['content-type']).toMatch(PROBLEM);
    expect(notFound.body).toMatchObject({
      status: 404,
      code: 'ORDER_NOT_FOUND',
      detail: expect.stringContaining(missing),
      requestId: notFound.headers['x-request-id'],
      instance: `/orders/${missing}`,
    });
    const unpriced = await sales
      .post('/orders', { customerId: customer.id, lines: [{ sku: 'ER-NOPRICE', quantity: 1 }] })
      .expect(422);
    expect(unpriced.body).toMatchObject({
      status: 422,
      code: 'PRICE_NOT_FOUND',
      detail: expect.stringContaining('ER-NOPRICE'),
    });
    expect(typeof unpriced.body.requestId).toBe('string');
    const noCustomer = await sales
      .post('/orders', { customerId: randomUUID(), lines: [{ sku: 'ER-1', quantity: 1 }] })
      .expect(404);
    expect(noCustomer.body).toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
    expect(await ordersOf(h, customer.id)).toEqual([]);
  });

  it('answers auth failures, a malformed id and an unknown route as problem+json too', async () => {
    const anonymous = await h.admin.as(undefined).get('/orders').expect(401);
    expect(anonymous.headers['content-type']).toMatch(PROBLEM);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: anonymous.headers['x-request-id'] });
    const malformed = await sales.get('/orders/not-a-uuid').expect(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const unknown = await sales.get('/no-such-route').expect(404);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    expect(unknown.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
