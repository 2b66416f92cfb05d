import type { ErrorPayload } from '#contracts';
import { DomainError } from '#platform';
import { draftOf, draftRule } from '../rules/rule-draft.js';
import type { StoredRule } from '../rules/rule-store.js';
import { readCsv, writeCsv } from './csv-codec.js';
import { locate, readRuleSheet, RULE_COLUMNS, ruleToRows } from './rule-sheet.js';
import { readXlsx, writeXlsx } from './xlsx-codec.js';

const tiered: StoredRule = {
  id: '0b7c7e0e-49b4-4a8e-8f4a-7c5d0c9f1a2b',
  version: 3,
  code: 'WHOLESALE-V123',
  description: 'Wholesale, "tiered", V123',
  currency: 'EUR',
  customerType: 'WHOLESALE',
  sku: 'V123',
  method: 'PRICE',
  breakBasis: 'QUANTITY',
  breaks: [
    { from: 1, value: 1899 },
    { from: 10, value: 1799 },
  ],
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
};
const discount: StoredRule = {
  id: '1c8d8f1f-5ac5-4b9f-9a5b-8d6e1d0a2b3c',
  version: 1,
  code: 'NL-TOOLS',
  description: '',
  currency: 'EUR',
  category: 'TOOLS',
  shipToRegion: 'NL',
  method: 'DISCOUNT',
  breakBasis: 'AMOUNT',
  breaks: [{ from: 0, value: 125_000 }],
  validFrom: '2026-02-01',
};

function failure(promise: () => unknown): Promise<ErrorPayload> {
  return Promise.resolve()
    .then(promise)
    .then(
      () => {
        throw new Error('expected a DomainError');
      },
      (error: unknown) => {
        if (error instanceof DomainError) return error.toPayload();
        throw error;
      },
    );
}

describe.each([
  ['CSV', async (rows: ReturnType<typeof ruleToRows>) => readCsv(writeCsv(RULE_COLUMNS, rows))],
  ['XLSX', async (rows: ReturnType<typeof ruleToRows>) => readXlsx(await writeXlsx('price rules', RULE_COLUMNS, rows))],
])('a %s rule sheet', (_, roundTrip) => {
  it('reads back exactly the rules it was written from, one row per break', async () => {
    const table = await roundTrip([...ruleToRows(tiered), ...ruleToRows(discount)]);
    expect(table.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    const { rules, problems } = readRuleSheet(table);
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.code, r.rows, r.id])).toEqual([
      ['WHOLESALE-V123', [2, 3], tiered.id],
      ['NL-TOOLS', [4], discount.id],
    ]);
    expect(rules.map((r) => draftRule(r.input).draft)).toEqual([draftOf(tiered), draftOf(discount)]);
  });
});

describe('readRuleSheet', () => {
  const csv = (text: string) => readRuleSheet(readCsv(Buffer.from(text)));

  it('numbers rows as a spreadsheet shows them, blank lines included, and names each bad cell', () => {
    const { problems } = csv(
      'code,currency,sku,method,unitPriceMinor\n' +
        'A,EUR,V1,PRICE,100\n\n' +
        'B,EUR,V2,PRICE,ten\n' +
        ',EUR,V3,PRICE,5\n',
    );
    expect(problems).toEqual([
      { row: 4, column: 'unitPriceMinor', problem: 'unitPriceMinor must be a whole number of minor units (got "ten")' },
      { row: 5, column: 'code', problem: 'code is required: it names the rule the row belongs to' },
    ]);
  });

  it('maps a rule problem to the row and column of the break it is about', () => {
    const { rules } = csv(
      'code,currency,sku,method,breakFrom,unitPriceMinor\nA,EUR,V1,PRICE,10,100\nA,EUR,V1,PRICE,1,-5\n',
    );
    const { errors } = draftRule(rules[0].input);
    expect(errors.flatMap((e) => locate(rules[0], e))).toEqual([
      {
        row: 3,
        column: 'unitPriceMinor',
        problem: 'unitPriceMinor must be a whole number of minor units, 0 or more (no negative prices)',
      },
    ]);
  });

  it('refuses rows of one rule that disagree on a rule-level column', () => {
    const { problems } = csv(
      'code,currency,sku,method,breakFrom,unitPriceMinor\nA,EUR,V1,PRICE,1,100\nA,USD,V1,PRICE,10,90\n',
    );
    expect(problems).toEqual([
      { row: 3, column: 'currency', problem: 'currency differs from row 2, the first row of rule A' },
    ]);
  });

  it('refuses unknown, repeated and missing columns in the header (row 1)', () => {
    const { problems } = csv('code,sku,sku,colour\nA,V1,V1,red\n');
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'sku'],
      [1, 'colour'],
      [1, 'currency'],
      [1, 'method'],
    ]);
  });

  it('refuses a file that is no CSV or XLSX at all', async () => {
    await expect(failure(() => readCsv(Buffer.from('code,sku\n"unclosed,V1\n')))).resolves.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'file' }] },
    });
    await expect(failure(() => readXlsx(Buffer.from('not a zip')))).resolves.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'file' }] },
    });
  });
});
