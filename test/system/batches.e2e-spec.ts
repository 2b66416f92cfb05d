import request from 'supertest';
import type {
  BatchDetailView,
  BatchDraftView,
  BatchView,
  CustomerView,
  ImportBatchReply,
  OrderView,
  Page,
} from '#contracts';
import type { PostBatchReply } from '#contracts';
import { Api, eventually, TestSystem } from '#testing';

/** Order batches through the gateway, against every service running for real. */
describe('order batches: drafts, CSV import, posting, counter sales and ownership', () => {
  let system: TestSystem;
  let admin: Api;
  let sales1: Api;
  let sales2: Api;
  let acme: CustomerView;
  let beta: CustomerView;
  let webshop: BatchView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    await admin.post('/locations', { code: 'WH2', name: 'Overflow', priority: 2 }).expect(201);
    for (const [sku, price] of Object.entries({ 'B-1': 1000, 'B-2': 250 })) {
      await admin.post('/items', { sku, name: `Item ${sku}` }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH1', quantity: 50 }).expect(201);
      await admin.post('/stock/receipts', { sku, locationCode: 'WH2', quantity: 50 }).expect(201);
      await admin.post('/prices', { sku, currency: 'EUR', unitPriceMinor: price }).expect(201);
    }
    await admin.post('/items', { sku: 'NO-PRICE', name: 'Not priced yet' }).expect(201);
    acme = (await admin.post('/customers', { name: 'Acme Retail', defaultShipFrom: 'WH1' }).expect(201)).body;
    beta = (await admin.post('/customers', { name: 'Beta Shop' }).expect(201)).body;
    sales1 = admin.as((await admin.post('/api-keys', { name: 'desk-1', role: 'sales' }).expect(201)).body.key);
    sales2 = admin.as((await admin.post('/api-keys', { name: 'desk-2', role: 'sales' }).expect(201)).body.key);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const put = (api: Api, path: string, body: object) =>
    request(api.baseUrl).put(path).set('X-Api-Key', api.key!).send(body);
  const del = (api: Api, path: string) => request(api.baseUrl).delete(path).set('X-Api-Key', api.key!);
  const upload = (api: Api, batchId: string, csv: string) =>
    request(api.baseUrl)
      .post(`/batches/${batchId}/import`)
      .set('X-Api-Key', api.key!)
      .set('Content-Type', 'text/csv')
      .send(csv);
  const review = async (id: string): Promise<BatchDetailView> => (await sales1.get(`/batches/${id}`).expect(200)).body;
  const batchOrders = async (id: string): Promise<Page<OrderView>> =>
    (await admin.get(`/orders?batchId=${id}&limit=100`).expect(200)).body;

  it('keeps batches of two operators open at once; only the owner or an admin changes one, everyone in sales reads it', async () => {
    const mine: BatchView = (await sales1.post('/batches', { name: 'Phone orders' }).expect(201)).body;
    const theirs: BatchView = (await sales2.post('/batches', { name: 'Fax orders' }).expect(201)).body;
    expect(mine).toMatchObject({ kind: 'STANDARD', status: 'OPEN', owner: 'key:desk-1', draftCount: 0 });
    expect(mine.number).toMatch(/^BT-\d{6}$/);
    expect(theirs).toMatchObject({ status: 'OPEN', owner: 'key:desk-2' });
    const open: Page<BatchView> = (await sales1.get('/batches?status=OPEN').expect(200)).body;
    expect(open.items.map((b) => b.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const own: Page<BatchView> = (await sales1.get('/batches?owner=key:desk-2').expect(200)).body;
    expect(own.items.map((b) => b.id)).toEqual([theirs.id]);

    const order = { customerId: acme.id, lines: [{ sku: 'B-1', quantity: 1 }] };
    const refused = await sales2.post(`/batches/${mine.id}/drafts`, order).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('belongs to key:desk-1') });
    await upload(sales2, mine.id, `order_ref,customer_id,sku,quantity\nX-1,${acme.id},B-1,1\n`).expect(403);
    await sales2.post(`/batches/${mine.id}/post`).expect(403);
    await sales2.post(`/batches/${mine.id}/cancel`).expect(403);
    expect((await sales2.get(`/batches/${mine.id}`).expect(200)).body.drafts).toEqual([]);
    await sales1.post(`/batches/${mine.id}/drafts`, order).expect(201);
    await admin.post(`/batches/${theirs.id}/drafts`, order).expect(201);
    const cancelled: BatchView = (await sales2.post(`/batches/${theirs.id}/cancel`).expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    await sales2.post(`/batches/${theirs.id}/drafts`, order).expect(409);
    const warehouse = admin.as((await admin.post('/api-keys', { name: 'wh', role: 'warehouse' }).expect(201)).body.key);
    await warehouse.get('/batches').expect(403);
  });

  it('adds, edits and removes drafts, shows each with its problems, and posts nothing while one has a problem', async () => {
    const batch: BatchView = (await sales1.post('/batches', { name: 'Entered by hand' }).expect(201)).body;
    const good: BatchDraftView = (
      await sales1
        .post(`/batches/${batch.id}/drafts`, { customerId: acme.id, lines: [{ sku: 'B-2', quantity: 2 }] })
        .expect(201)
    ).body;
    expect(good).toMatchObject({ rowNo: 1, status: 'DRAFT', valid: true, problems: [], orderType: 'ORDER' });
    const bad: BatchDraftView = (
      await sales1
        .post(`/batches/${batch.id}/drafts`, {
          customerId: '00000000-0000-4000-8000-000000000000',
          lines: [{ sku: 'B-1', quantity: 0 }],
        })
        .expect(201)
    ).body;
    expect(bad).toMatchObject({ rowNo: 2, valid: false });
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        { field: 'lines[0].quantity', problems: ['quantity must not be less than 1'] },
        { field: 'customerId', problems: ['no customer with id 00000000-0000-4000-8000-000000000000'] },
      ]),
    );
    const extra: BatchDraftView = (
      await sales1
        .post(`/batches/${batch.id}/drafts`, { customerId: beta.id, lines: [{ sku: 'B-1', quantity: 1 }] })
        .expect(201)
    ).body;
    expect((await del(sales1, `/batches/${batch.id}/drafts/${extra.id}`).expect(200)).body.draftCount).toBe(2);
    await del(sales2, `/batches/${batch.id}/drafts/${good.id}`).expect(403);

    const reviewed = await review(batch.id);
    expect(reviewed.readyToPost).toBe(false);
    expect(reviewed.drafts.map((d) => [d.rowNo, d.valid])).toEqual([
      [1, true],
      [2, false],
    ]);
    const refused = await sales1.post(`/batches/${batch.id}/post`).expect(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'drafts[2].lines[0].quantity', problems: ['quantity must not be less than 1'] },
      ]),
    );
    expect((await batchOrders(batch.id)).total).toBe(0);

    const fixed: BatchDraftView = (
      await put(sales1, `/batches/${batch.id}/drafts/${bad.id}`, {
        customerId: beta.id,
        lines: [{ sku: 'B-1', quantity: 3 }],
      }).expect(200)
    ).body;
    expect(fixed).toMatchObject({ rowNo: 2, valid: true, customerId: beta.id });
    const posted: PostBatchReply = (await sales1.post(`/batches/${batch.id}/post`).expect(200)).body;
    expect(posted).toMatchObject({
      posted: 2,
      failed: 0,
      alreadyPosted: 0,
      batch: { status: 'POSTED', postedCount: 2 },
    });
    expect(posted.results.map((r) => [r.rowNo, r.outcome, r.order?.type])).toEqual([
      [1, 'POSTED', 'ORDER'],
      [2, 'POSTED', 'ORDER'],
    ]);
    await put(sales1, `/batches/${batch.id}/drafts/${bad.id}`, {
      customerId: beta.id,
      lines: [{ sku: 'B-1', quantity: 1 }],
    }).expect(409);
  });

  const csvFor = () =>
    [
      'order_ref,customer_id,sku,quantity,ship_from,priority',
      `WEB-1,${acme.number},B-1,2,WH1,5`,
      `WEB-1,${acme.id},B-2,1,,`,
      `WEB-2,${beta.id},B-1,0,,`,
      `WEB-2,${beta.id},B-2,1,,`,
      `WEB-3,${beta.id},B-2,3,WH2,`,
      'WEB-4,11111111-1111-4111-8111-111111111111,B-1,1,,',
    ].join('\n');

  it('imports a channel file: reports both bad rows, leaves their orders out whole, keeps the rest, and adds nothing twice', async () => {
    const batch: BatchView = (await sales1.post('/batches', { name: 'Webshop export' }).expect(201)).body;
    webshop = batch;
    const first: ImportBatchReply = (await upload(sales1, batch.id, csvFor()).expect(200)).body;
    expect(first).toMatchObject({
      rowsRead: 6,
      importedCount: 2,
      rejectedRowCount: 2,
      rejectedOrderCount: 2,
      duplicateCount: 0,
    });
    expect(first.rejectedRows).toEqual([
      { row: 4, orderRef: 'WEB-2', reasons: ['quantity must be a whole number from 1 to 10000000 (got "0")'] },
      { row: 7, orderRef: 'WEB-4', reasons: ['unknown customer 11111111-1111-4111-8111-111111111111'] },
    ]);
    expect(first.rejectedOrders).toEqual([
      { orderRef: 'WEB-2', rows: [4, 5], reason: 'left out whole: row 4 is bad' },
      { orderRef: 'WEB-4', rows: [7], reason: 'left out whole: row 7 is bad' },
    ]);
    expect(first.imported.map((o) => [o.orderRef, o.rows])).toEqual([
      ['WEB-1', [2, 3]],
      ['WEB-3', [6]],
    ]);

    const again: ImportBatchReply = (await upload(sales1, batch.id, csvFor()).expect(200)).body;
    expect(again).toMatchObject({ importedCount: 0, duplicateCount: 2, rejectedRowCount: 2, batch: { draftCount: 2 } });
    expect(again.duplicates.map((d) => d.orderRef)).toEqual(['WEB-1', 'WEB-3']);

    const reviewed = await review(batch.id);
    expect(reviewed.readyToPost).toBe(true);
    expect(reviewed.drafts.map((d) => [d.orderRef, d.sourceRows, d.valid, d.customerId])).toEqual([
      ['WEB-1', [2, 3], true, acme.id],
      ['WEB-3', [6], true, beta.id],
    ]);
    expect(reviewed.drafts[0].order).toEqual({
      customerReference: 'WEB-1',
      customerId: acme.id,
      shipFromLocation: 'WH1',
      priority: 5,
      lines: [
        { sku: 'B-1', quantity: 2 },
        { sku: 'B-2', quantity: 1 },
      ],
    });
    const badHeader = await upload(sales1, batch.id, 'order_ref,sku\nX,B-1\n').expect(400);
    expect(badHeader.body.detail).toContain('missing column(s) quantity');
  });

  it('posts the imported orders once with stock reserved; posting again changes nothing', async () => {
    const batch = webshop;
    const replies = await Promise.all([
      request(sales1.baseUrl).post(`/batches/${batch.id}/post`).set('X-Api-Key', sales1.key!),
      sales1.post(`/batches/${batch.id}/post`),
    ]);
    const done = replies.filter((r) => r.status === 200).map((r) => r.body as PostBatchReply);
    const winner = done.find((r) => r.posted === 2)!;
    expect(winner).toBeDefined();
    // The other request either found the batch locked (409) or came after and found it posted.
    for (const reply of replies.filter((r) => r.body !== winner)) {
      if (reply.status === 409) expect(reply.body.code).toBe('ILLEGAL_TRANSITION');
      else expect(reply.body).toMatchObject({ posted: 0, alreadyPosted: 2 });
    }
    expect(winner.batch).toMatchObject({ status: 'POSTED', postedAt: expect.any(String) });

    const orders = await batchOrders(batch.id);
    expect(orders.total).toBe(2);
    const byRef = new Map(orders.items.map((o) => [o.customerReference, o]));
    expect(byRef.get('WEB-1')).toMatchObject({
      customerId: acme.id,
      priority: 5,
      shipFromLocation: 'WH1',
      type: 'ORDER',
      batchId: batch.id,
    });
    expect(byRef.get('WEB-3')).toMatchObject({ customerId: beta.id, shipFromLocation: 'WH2' });
    for (const order of orders.items) {
      expect(order.lines.every((l) => l.reservedQuantity === l.quantity && l.lineStatus === 'ACTIVE')).toBe(true);
    }
    expect(byRef.get('WEB-3')!.lines[0].allocations).toEqual([
      expect.objectContaining({ locationCode: 'WH2', quantity: 3 }),
    ]);

    const retry: PostBatchReply = (await sales1.post(`/batches/${batch.id}/post`).expect(200)).body;
    expect(retry).toMatchObject({ posted: 0, alreadyPosted: 2, failed: 0 });
    expect(retry.results.map((r) => r.order?.id).sort()).toEqual(orders.items.map((o) => o.id).sort());
    expect((await batchOrders(batch.id)).total).toBe(2);
    await upload(sales1, batch.id, csvFor()).expect(409);
  });

  it('refuses a second posting, and any change, while a batch is being posted (409)', async () => {
    const batch: BatchView = (await sales1.post('/batches', { name: 'Big export' }).expect(201)).body;
    const csv = [
      'order_ref,customer_id,sku,quantity',
      ...Array.from({ length: 40 }, (_, i) => `BIG-${i + 1},${acme.number},B-2,1`),
    ].join('\n');
    expect((await upload(sales1, batch.id, csv).expect(200)).body.importedCount).toBe(40);
    const first = sales1.post(`/batches/${batch.id}/post`).then((r) => r);
    // The posting is under way once some drafts are posted (each result is committed at once)
    // while the batch itself is still open (it turns POSTED when the posting commits).
    await eventually(
      async () => {
        const seen = await review(batch.id);
        return seen.status === 'OPEN' && seen.postedCount > 0 ? true : undefined;
      },
      15_000,
      'the posting to be under way',
    );
    const [second, change] = await Promise.all([
      sales1.post(`/batches/${batch.id}/post`),
      sales1.post(`/batches/${batch.id}/drafts`, { customerId: acme.id, lines: [{ sku: 'B-2', quantity: 1 }] }),
    ]);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', detail: expect.stringContaining('being posted') });
    expect(change.status).toBe(409);
    const done = await first;
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ posted: 40, failed: 0 });
    expect((await batchOrders(batch.id)).total).toBe(40);
  });

  it('reports a draft that fails to post, keeps the batch open, and posts only that draft after the fix', async () => {
    const batch: BatchView = (await sales2.post('/batches', { name: 'Mixed' }).expect(201)).body;
    await sales2
      .post(`/batches/${batch.id}/drafts`, { customerId: acme.id, lines: [{ sku: 'B-2', quantity: 1 }] })
      .expect(201);
    const broken: BatchDraftView = (
      await sales2
        .post(`/batches/${batch.id}/drafts`, { customerId: acme.id, lines: [{ sku: 'NO-PRICE', quantity: 1 }] })
        .expect(201)
    ).body;
    const first: PostBatchReply = (await sales2.post(`/batches/${batch.id}/post`).expect(200)).body;
    expect(first).toMatchObject({ posted: 1, failed: 1, batch: { status: 'OPEN', postedCount: 1, failedCount: 1 } });
    expect(first.results[1]).toMatchObject({
      rowNo: 2,
      outcome: 'FAILED',
      error: { code: expect.stringMatching(/NOT_FOUND/), message: expect.stringContaining('NO-PRICE') },
    });
    expect((await review(batch.id)).drafts[1]).toMatchObject({
      status: 'FAILED',
      error: { code: first.results[1].error!.code },
    });

    await put(sales2, `/batches/${batch.id}/drafts/${broken.id}`, {
      customerId: acme.id,
      lines: [{ sku: 'B-1', quantity: 1 }],
    }).expect(200);
    const second: PostBatchReply = (await sales2.post(`/batches/${batch.id}/post`).expect(200)).body;
    expect(second).toMatchObject({ posted: 1, alreadyPosted: 1, failed: 0, batch: { status: 'POSTED' } });
    expect(second.results[0].order!.id).toBe(first.results[0].order!.id);
    expect((await batchOrders(batch.id)).total).toBe(2);
  });

  it('posts a counter sale as a one-step invoice order for the default customer, billed and paid at the counter', async () => {
    const refused = await sales1
      .post('/batches', { name: 'Till', kind: 'COUNTER', defaultCustomerId: acme.id })
      .expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'defaultPaymentMethod', problems: ['a COUNTER batch needs a default payment method'] },
    ]);
    const till: BatchView = (
      await sales1
        .post('/batches', { name: 'Till 1', kind: 'COUNTER', defaultCustomerId: beta.id, defaultPaymentMethod: 'CASH' })
        .expect(201)
    ).body;
    expect(till).toMatchObject({ kind: 'COUNTER', defaultCustomerId: beta.id, defaultPaymentMethod: 'CASH' });

    const notInvoice: BatchDraftView = (
      await sales1
        .post(`/batches/${till.id}/drafts`, { type: 'ORDER', lines: [{ sku: 'B-2', quantity: 1 }] })
        .expect(201)
    ).body;
    expect(notInvoice.problems).toEqual([
      { field: 'type', problems: ['a counter batch posts one-step INVOICE orders only'] },
    ]);
    await del(sales1, `/batches/${till.id}/drafts/${notInvoice.id}`).expect(200);
    const sale: BatchDraftView = (
      await sales1.post(`/batches/${till.id}/drafts`, { lines: [{ sku: 'B-2', quantity: 4 }] }).expect(201)
    ).body;
    expect(sale).toMatchObject({ valid: true, customerId: beta.id, orderType: 'INVOICE' });

    const posted: PostBatchReply = (await sales1.post(`/batches/${till.id}/post`).expect(200)).body;
    expect(posted.results).toEqual([
      expect.objectContaining({
        outcome: 'POSTED',
        paymentMethod: 'CASH',
        order: expect.objectContaining({ type: 'INVOICE', totalMinor: 1000 }),
      }),
    ]);
    const order = posted.results[0].order!;
    expect(order.number).toMatch(/^IO-\d{6}$/);
    const billed = await eventually(
      async () => {
        const view: OrderView = (await admin.get(`/orders/${order.id}`).expect(200)).body;
        return view.status === 'PAID' ? view : undefined;
      },
      15_000,
      'the counter sale invoiced and paid',
    );
    expect(billed).toMatchObject({ customerId: beta.id, batchId: till.id, invoicedMinor: 1000, paidMinor: 1000 });
    expect(billed.lines[0]).toMatchObject({ fulfillStatus: 'PRE_SHIPPED' });
  });
  it('review and import name an unknown item and a line without a price, instead of calling the batch ready', async () => {
    const batch: BatchView = (await sales1.post('/batches', { name: 'Catalog check' }).expect(201)).body;
    const csv = [
      'order_ref,customer_id,sku,quantity',
      `CAT-1,${acme.id},B-1,1`,
      `CAT-1,${acme.id},NO-SUCH-SKU,1`,
      `CAT-2,${acme.id},B-2,2`,
    ].join('\n');
    const imported: ImportBatchReply = (await upload(sales1, batch.id, csv).expect(200)).body;
    expect(imported).toMatchObject({ importedCount: 1, rejectedOrderCount: 1 });
    expect(imported.rejectedRows).toEqual([
      {
        row: 3,
        orderRef: 'CAT-1',
        reasons: ['the order is not valid: lines[1].sku: unknown item NO-SUCH-SKU'],
      },
    ]);

    const unpriced: BatchDraftView = (
      await sales1
        .post(`/batches/${batch.id}/drafts`, { customerId: acme.id, lines: [{ sku: 'NO-PRICE', quantity: 1 }] })
        .expect(201)
    ).body;
    expect(unpriced).toMatchObject({
      valid: false,
      problems: [{ field: 'lines[0].sku', problems: ['no price for NO-PRICE in EUR'] }],
    });
    const unknown: BatchDraftView = (
      await sales1
        .post(`/batches/${batch.id}/drafts`, { customerId: acme.id, lines: [{ sku: 'GHOST-1', quantity: 1 }] })
        .expect(201)
    ).body;
    expect(unknown).toMatchObject({
      valid: false,
      problems: [{ field: 'lines[0].sku', problems: ['unknown item GHOST-1'] }],
    });

    const reviewed = await review(batch.id);
    expect(reviewed.readyToPost).toBe(false);
    expect(reviewed.drafts.map((d) => [d.orderRef ?? null, d.valid])).toEqual([
      ['CAT-2', true],
      [null, false],
      [null, false],
    ]);
  });
});
