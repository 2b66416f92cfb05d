import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomerView, DeadLetterPage, DeadLetterView, OrderView } from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/**
 * Dead letters through the gateway: billing cannot copy two orders (a trigger refuses its
 * insert, standing in for a bug) until the operator fixes the cause; one is replayed once,
 * the other discarded with a reason.
 */
describe('dead letters an operator can act on', () => {
  let system: TestSystem;
  let admin: Api;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { EVENT_MAX_ATTEMPTS: '2' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function placeOrder(customer: CustomerView, reference: string): Promise<OrderView> {
    const body = { customerId: customer.id, customerReference: reference, lines: [{ sku: 'DL1', quantity: 1 }] };
    return (await admin.post('/orders', body).expect(201)).body;
  }

  it('lists, replays once after the fix and discards with a reason', async () => {
    await admin.post('/locations', { code: 'WH1', name: 'Main warehouse', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'DL1', name: 'Dead letter widget' }).expect(201);
    await admin
      .post('/stock/receipts', { sku: 'DL1', locationCode: 'WH1', quantity: 10, reference: 'PO-1' })
      .expect(201);
    await admin.post('/prices', { sku: 'DL1', currency: 'EUR', unitPriceMinor: 1000 }).expect(201);
    const customer: CustomerView = (await admin.post('/customers', { name: 'Acme', currency: 'EUR' }).expect(201)).body;

    // The cause: billing's copy of an order cannot be written.
    await system.db.query(`CREATE FUNCTION billing.refuse_orders() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'billing orders are refused for this test'; END $$`);
    await system.db.query(
      `CREATE TRIGGER refuse_orders BEFORE INSERT ON billing.orders FOR EACH ROW EXECUTE FUNCTION billing.refuse_orders()`,
    );
    const first = await placeOrder(customer, 'DL-1');
    const second = await placeOrder(customer, 'DL-2');

    const letters = await eventually(
      async () => {
        const page: DeadLetterPage = (await admin.get('/admin/dead-letters?service=billing&limit=50').expect(200)).body;
        const ofOrders = page.items.filter((item) => item.consumer === 'billing-events_orders_order_placed');
        return ofOrders.length >= 2 ? ofOrders : undefined;
      },
      60_000,
      'two dead letters of order placed in billing',
    );
    expect(letters[0]).toMatchObject({
      service: 'billing',
      subject: 'events.orders.order.placed',
      attempts: 2,
      status: 'OPEN',
      error: expect.stringContaining('billing orders are refused'),
    });
    expect(letters.map((l) => l.eventId)).toEqual(expect.arrayContaining([expect.any(String), expect.any(String)]));
    const [replayable, discardable] = letters;

    // Each arrival is one line at error naming service, consumer, subject, event id and error.
    const logged = readFileSync(join(system.logDir, 'billing.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"dead letter: '))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged).toEqual(
      expect.arrayContaining(
        letters.map((letter) =>
          expect.objectContaining({
            level: 50,
            msg: `dead letter: billing ${letter.consumer} could not apply ${letter.subject} ${letter.eventId}: ${letter.error}`,
          }),
        ),
      ),
    );

    // Paged: one at a time.
    const one: DeadLetterPage = (await admin.get('/admin/dead-letters?service=billing&limit=1').expect(200)).body;
    expect(one.items).toHaveLength(1);
    expect(one.next).toBe(one.items[0].id);

    // The fix, then one replay: billing has the order; a second replay is refused.
    await system.db.query(`DROP TRIGGER refuse_orders ON billing.orders`);
    const replayed: DeadLetterView = (
      await admin.post(`/admin/dead-letters/billing/${replayable.id}/replay`).expect(200)
    ).body;
    expect(replayed).toMatchObject({ status: 'REPLAYED', replayOutcome: 'APPLIED', replayedBy: expect.any(String) });
    const conflict = await admin.post(`/admin/dead-letters/billing/${replayable.id}/replay`).expect(409);
    expect(conflict.body.code).toBe('ILLEGAL_TRANSITION');
    const copies = await system.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM billing.orders WHERE id = ANY($1::uuid[])`,
      [[first.id, second.id]],
    );
    expect(copies[0].count).toBe(1);

    // The other is discarded with a reason: kept, not replayable.
    await admin.post(`/admin/dead-letters/billing/${discardable.id}/discard`, {}).expect(400);
    const discarded: DeadLetterView = (
      await admin
        .post(`/admin/dead-letters/billing/${discardable.id}/discard`, { reason: 'order cancelled by phone' })
        .expect(200)
    ).body;
    expect(discarded).toMatchObject({ status: 'DISCARDED', discardReason: 'order cancelled by phone' });
    await admin.post(`/admin/dead-letters/billing/${discardable.id}/replay`).expect(409);

    // Bad input names the field.
    const badService = await admin.get('/admin/dead-letters?service=nowhere').expect(400);
    expect(JSON.stringify(badService.body)).toContain('service');
    const badId = await admin.post('/admin/dead-letters/billing/abc/replay').expect(400);
    expect(JSON.stringify(badId.body)).toContain('id');
    await admin.post('/admin/dead-letters/billing/999999/replay').expect(404);
  });
});
