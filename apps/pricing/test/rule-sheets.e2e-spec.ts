import ExcelJS from 'exceljs';
import { type ErrorPayload, PricingSubjects, type SpreadsheetFormat, type RequestOf } from '#contracts';
import { startTestApp, type TestApp, type TestRpcClient } from '#testing';
import { pricingService } from '../src/app.module.js';

/** Changes the cell of a rule's row in a CSV export (columns by name). */
function editCsv(csv: string, code: string, column: string, value: string): string {
  const lines = csv.trimEnd().split('\r\n');
  const header = lines[0].split(',');
  const at = header.indexOf(column);
  return `${lines
    .map((line) => {
      const cells = line.split(',');
      if (cells[0] === code) cells[at] = value;
      return cells.join(',');
    })
    .join('\r\n')}\r\n`;
}

/** A CSV data row for the export's header, from the cells given by column name. */
function csvRow(header: string, cells: Record<string, string | number>): string {
  return header
    .split(',')
    .map((column) => String(cells[column] ?? ''))
    .join(',');
}

async function editXlsx(content: Buffer, code: string, column: string, value: string | number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const at = header.indexOf(column) + 1;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === code) row.getCell(at).value = value;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('price rule spreadsheets over NATS against Postgres', () => {
  let h: TestApp;
  let rpc: TestRpcClient;
  const exportRules = async (format: SpreadsheetFormat) =>
    Buffer.from((await rpc.request(PricingSubjects.exportRules, { format })).contentBase64, 'base64');
  const importRules = (format: SpreadsheetFormat, content: Buffer, dryRun?: boolean) =>
    rpc.request(PricingSubjects.importRules, {
      format,
      contentBase64: content.toString('base64'),
      dryRun,
    });
  const unitPrice = async (quantity: number) =>
    (
      await rpc.request(PricingSubjects.priceOrder, {
        currency: 'EUR',
        lines: [{ lineId: 'l1', sku: 'V123', quantity }],
      })
    ).lines[0];

  beforeAll(async () => {
    h = await startTestApp(pricingService);
    ({ rpc } = h);
    await rpc.request(PricingSubjects.setPrice, {
      sku: 'V123',
      currency: 'EUR',
      unitPriceMinor: 2000,
      validFrom: '2026-01-01',
    });
    const create = (body: Omit<RequestOf<typeof PricingSubjects.createRule>, 'currency' | 'validFrom'>) =>
      rpc.request(PricingSubjects.createRule, { currency: 'EUR', validFrom: '2026-01-01', ...body });
    await create({
      code: 'V123-TIERS',
      sku: 'V123',
      method: 'PRICE',
      breaks: [
        { from: 1, unitPriceMinor: 1900 },
        { from: 10, unitPriceMinor: 1800 },
      ],
    });
    await create({
      code: 'TOOLS-NL',
      category: 'TOOLS',
      shipToRegion: 'NL',
      method: 'DISCOUNT',
      percent: 12.5,
      description: 'Tools, "NL", 12.5% off',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it.each<SpreadsheetFormat>(['csv', 'xlsx'])(
    'round-trips %s: export, change a price, import, and the price changes; the same file again changes nothing',
    async (format) => {
      const exported = await exportRules(format);
      expect(await importRules(format, exported)).toMatchObject({
        rows: 3,
        rules: 2,
        created: 0,
        updated: 0,
        unchanged: 2,
      });
      const newPrice = format === 'csv' ? 1750 : 1650;
      const edited =
        format === 'csv'
          ? Buffer.from(editCsv(exported.toString('utf8'), 'V123-TIERS', 'unitPriceMinor', String(newPrice)))
          : await editXlsx(exported, 'V123-TIERS', 'unitPriceMinor', newPrice);
      const before = await rpc.request(PricingSubjects.listRules, { code: 'V123-TIERS' });
      expect(await importRules(format, edited)).toMatchObject({
        created: 0,
        updated: 1,
        unchanged: 1,
        updatedCodes: ['V123-TIERS'],
      });
      expect(await unitPrice(12)).toMatchObject({
        unitPriceMinor: newPrice,
        priceId: before.items[0].id,
        ruleVersion: before.items[0].version + 1,
      });
      const again = await importRules(format, edited);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
      const after = await rpc.request(PricingSubjects.listRules, { code: 'V123-TIERS' });
      expect(after.items[0].version).toBe(before.items[0].version + 1);
    },
  );

  it('applies nothing from a file with one bad row, and names the row and the reason', async () => {
    const exported = (await exportRules('csv')).toString('utf8');
    const header = exported.split('\r\n')[0];
    const rule = { currency: 'EUR', sku: 'V123', method: 'PRICE', breakFrom: 50, unitPriceMinor: 1000 };
    const newRule = csvRow(header, { ...rule, code: 'NEW-RULE', validFrom: '2026-01-03' });
    const badRule = csvRow(header, {
      ...rule,
      code: 'BAD-RULE',
      method: 'DISCOUNT',
      unitPriceMinor: '',
      percent: 150,
      validFrom: '2026-02-01',
    });
    const file = Buffer.from(
      `${editCsv(exported, 'V123-TIERS', 'unitPriceMinor', '1234')}${newRule}\r\n${badRule}\r\n`,
    );
    const error = (await importRules('csv', file).catch((e: ErrorPayload) => e)) as ErrorPayload;
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'rows[6].percent', problems: ['a discount cannot be over 100% (got 150%)'] }] },
    });
    expect(error.message).toBe(
      'The file has 1 bad row, so nothing was applied: row 6 percent: a discount cannot be over 100% (got 150%)',
    );
    const rules = await rpc.request(PricingSubjects.listRules, {});
    expect(rules.items.map((r) => r.code)).toEqual(['TOOLS-NL', 'V123-TIERS']);
    expect((await unitPrice(12)).unitPriceMinor).not.toBe(1234);
  });

  it('creates new rules from rows without an id, and reports what a dry run would do without doing it', async () => {
    const header = (await exportRules('csv')).toString('utf8').split('\r\n')[0];
    const row = csvRow(header, {
      code: 'BULK-50',
      description: 'Fifty or more',
      currency: 'EUR',
      sku: 'V123',
      method: 'PRICE',
      breakFrom: 50,
      unitPriceMinor: 1000,
      validFrom: '2026-01-02',
    });
    const file = Buffer.from(`${header}\r\n${row}\r\n`);
    expect(await importRules('csv', file, true)).toMatchObject({ created: 1, dryRun: true, createdCodes: ['BULK-50'] });
    expect((await rpc.request(PricingSubjects.listRules, { code: 'BULK-50' })).total).toBe(0);
    expect(await importRules('csv', file)).toMatchObject({ created: 1, dryRun: false });
    // Same targets as V123-TIERS but a later start: it wins from 50 units, below that V123-TIERS still prices.
    expect((await unitPrice(60)).unitPriceMinor).toBe(1000);
    expect((await unitPrice(12)).ruleCode).toBe('V123-TIERS');
  });

  it('refuses a row whose id belongs to another rule, and two rules precedence cannot tell apart', async () => {
    const exported = (await exportRules('csv')).toString('utf8');
    const renamed = Buffer.from(exported.replace('TOOLS-NL,', 'TOOLS-NETHERLANDS,'));
    const error = (await importRules('csv', renamed).catch((e: ErrorPayload) => e)) as ErrorPayload;
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error.details as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual([
      'rows[3].code',
      'rows[3].id',
    ]);
  });
});
