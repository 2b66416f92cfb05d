import ExcelJS from 'exceljs';
import request from 'supertest';
import type { CustomerView, ImportPriceRulesReply, OrderView, PriceOrderReply, PriceRuleView } from '#contracts';
import { Api, TestSystem } from '#testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Collects a binary answer (an XLSX export) into a Buffer. */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Sets one column of every row of a rule in a CSV export. */
function editCsv(csv: string, code: string, column: string, value: string): string {
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  const at = header.split(',').indexOf(column);
  const edited = rows.map((row) => {
    const cells = row.split(',');
    if (cells[0] === code) cells[at] = value;
    return cells.join(',');
  });
  return `${[header, ...edited].join('\r\n')}\r\n`;
}

/**
 * Pricing through the gateway with every service running: rules decide the price an order
 * line is stored with, and the price tables round-trip through CSV and XLSX.
 */
describe('pricing through the gateway', () => {
  let system: TestSystem;
  let admin: Api;
  let customer: CustomerView;
  let rule: PriceRuleView;

  /** POSTs a raw file body, as `curl --data-binary @file -H 'Content-Type: …'` does. */
  const upload = (path: string, contentType: string, body: Buffer) =>
    request(system.gatewayUrl).post(path).set('X-Api-Key', system.adminKey).set('Content-Type', contentType).send(body);
  const placeOrder = async (quantity: number): Promise<OrderView> => {
    const placed: OrderView = (
      await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'P-100', quantity }] }).expect(201)
    ).body;
    return (await admin.get(`/orders/${placed.id}`).expect(200)).body;
  };

  beforeAll(async () => {
    system = await TestSystem.start();
    admin = new Api(system.gatewayUrl, system.adminKey);
    await admin.post('/locations', { code: 'WH1', name: 'Main warehouse', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'P-100', name: 'Priced widget' }).expect(201);
    await admin.post('/stock/receipts', { sku: 'P-100', locationCode: 'WH1', quantity: 1000 }).expect(201);
    await admin
      .post('/prices', { sku: 'P-100', currency: 'EUR', unitPriceMinor: 1999, validFrom: '2026-01-01' })
      .expect(201);
    customer = (await admin.post('/customers', { name: 'Rule Co', currency: 'EUR' }).expect(201)).body;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('stores each order line with the price and the id of the rule that priced it', async () => {
    rule = (
      await admin
        .post('/price-rules', {
          code: 'RULECO-P100',
          currency: 'EUR',
          customerId: customer.id,
          sku: 'P-100',
          method: 'PRICE',
          unitPriceMinor: 1799,
          validFrom: '2026-01-01',
        })
        .expect(201)
    ).body;
    const order = await placeOrder(3);
    expect(order.lines).toEqual([
      expect.objectContaining({ sku: 'P-100', quantity: 3, unitPriceMinor: 1799, priceId: rule.id }),
    ]);
    expect(order.totalMinor).toBe(5397);
    const quote: PriceOrderReply = (
      await admin
        .post('/prices/quote', {
          currency: 'EUR',
          customerId: customer.id,
          lines: [{ lineId: 'q1', sku: 'P-100', quantity: 3 }],
        })
        .expect(200)
    ).body;
    expect(quote.lines[0]).toMatchObject({
      unitPriceMinor: 1799,
      priceId: rule.id,
      listPriceMinor: 1999,
      discountMinor: 600,
      source: 'RULE',
    });
  });

  it('lets sales and a customer key ask for prices, a customer only for itself, and only an admin manage rules', async () => {
    const keyFor = async (body: object) =>
      admin.as((await admin.post('/api-keys', body).expect(201)).body.key as string);
    const sales = await keyFor({ name: 'sales-desk', role: 'sales' });
    const shop = await keyFor({ name: 'rule-co-shop', role: 'customer', customerId: customer.id });
    const lines = [{ lineId: 'q1', sku: 'P-100', quantity: 1 }];
    const own: PriceOrderReply = (await shop.post('/prices/quote', { currency: 'EUR', lines }).expect(200)).body;
    expect(own.lines[0]).toMatchObject({ unitPriceMinor: 1799, priceId: rule.id });
    const other = await shop
      .post('/prices/quote', { currency: 'EUR', customerId: '00000000-0000-4000-8000-000000000000', lines })
      .expect(403);
    expect(other.body).toMatchObject({ code: 'FORBIDDEN' });
    await sales.post('/prices/quote', { currency: 'EUR', lines }).expect(200);
    await sales.get('/price-rules').expect(200);
    await sales
      .post('/price-rules', { code: 'SALES-TRY', currency: 'EUR', sku: 'P-100', method: 'PRICE', unitPriceMinor: 1 })
      .expect(403);
    await shop.get('/price-rules').expect(403);
  });

  it('answers bad rules with a 4xx naming the problem', async () => {
    const base = { code: 'BAD', currency: 'EUR', sku: 'P-100', method: 'PRICE', unitPriceMinor: 100 };
    const field = async (body: object, status: number) => (await admin.post('/price-rules', body).expect(status)).body;
    expect((await field({ ...base, sku: undefined }, 400)).errors).toEqual([
      expect.objectContaining({ field: 'targets' }),
    ]);
    expect((await field({ ...base, unitPriceMinor: -1 }, 400)).errors).toEqual([
      expect.objectContaining({ field: 'unitPriceMinor' }),
    ]);
    expect((await field({ ...base, method: 'DISCOUNT', unitPriceMinor: undefined, percent: 101 }, 400)).errors).toEqual(
      [expect.objectContaining({ field: 'percent' })],
    );
    expect((await field({ ...base, validFrom: '2026-05-01', validTo: '2026-04-30' }, 400)).errors).toEqual([
      expect.objectContaining({ field: 'validTo' }),
    ]);
    expect((await field({ ...base, currency: 'ABC' }, 400)).errors).toEqual([
      expect.objectContaining({ field: 'currency' }),
    ]);
    const twin = await field({ ...base, customerId: customer.id, validFrom: '2026-01-01' }, 409);
    expect(twin).toMatchObject({ code: 'RULE_CONFLICT', detail: expect.stringContaining('RULECO-P100') });
    await admin.post(`/price-rules/${rule.id}/end`, { validTo: '2025-12-31' }).expect(400);
  });

  it('round-trips CSV: export, change a price, import, and the next order is priced by the new price', async () => {
    const exported = await admin.get('/price-rules/export?format=csv').expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="price-rules.csv"');
    const csv = editCsv(exported.text, 'RULECO-P100', 'unitPriceMinor', '1749');
    const imported: ImportPriceRulesReply = (
      await upload('/price-rules/import', 'text/csv', Buffer.from(csv)).expect(200)
    ).body;
    expect(imported).toMatchObject({ format: 'csv', rules: 1, updated: 1, updatedCodes: ['RULECO-P100'] });
    const order = await placeOrder(2);
    expect(order.lines[0]).toMatchObject({ unitPriceMinor: 1749, priceId: rule.id });
    const again: ImportPriceRulesReply = (await upload('/price-rules/import', 'text/csv', Buffer.from(csv)).expect(200))
      .body;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('round-trips XLSX the same way', async () => {
    const exported = await admin.get('/price-rules/export?format=xlsx').buffer(true).parse(binary).expect(200);
    expect(exported.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const column = (sheet.getRow(1).values as unknown[]).indexOf('unitPriceMinor');
    expect(sheet.getRow(2).getCell(column).value).toBe(1749);
    sheet.getRow(2).getCell(column).value = 1699;
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload('/price-rules/import', XLSX, edited).expect(200)).body).toMatchObject({
      format: 'xlsx',
      updated: 1,
    });
    expect((await placeOrder(1)).lines[0]).toMatchObject({ unitPriceMinor: 1699, priceId: rule.id });
    expect((await upload('/price-rules/import', XLSX, edited).expect(200)).body).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
  });

  it('applies nothing from a file with one bad row, naming the row, and refuses what is no spreadsheet', async () => {
    const exported = (await admin.get('/price-rules/export?format=csv').expect(200)).text;
    const changed = editCsv(exported, 'RULECO-P100', 'unitPriceMinor', '1111');
    const file = `${changed}NEW-ONE,,EUR,,,P-100,,,,DISCOUNT,QUANTITY,1,,-5,2026-03-01,,\r\n`;
    const refused = await upload('/price-rules/import', 'text/csv', Buffer.from(file)).expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'rows[3].percent' }] });
    expect(refused.body.detail).toMatch(/^The file has 1 bad row, so nothing was applied: row 3 percent/);
    expect((await placeOrder(1)).lines[0].unitPriceMinor).toBe(1699);
    // JSON where a spreadsheet is read: 415, naming the types the route takes.
    const json = await upload('/price-rules/import', 'application/json', Buffer.from('{}')).expect(415);
    expect(json.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining('text/csv') });
    await upload('/price-rules/import', 'text/csv', Buffer.alloc(5 * 1024 * 1024 + 1, 'a')).expect(413);
  });
});
