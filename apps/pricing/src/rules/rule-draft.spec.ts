import type { FieldError } from '#contracts';
import { draftRule, type RuleDraft, type RuleFieldsInput, sameDraft } from './rule-draft.js';

const CUSTOMER = '7d3f6c1e-2b4a-4c8e-9f10-1a2b3c4d5e6f';
const valid: RuleFieldsInput = {
  code: 'ACME-V123',
  currency: 'EUR',
  customerId: CUSTOMER,
  sku: 'V123',
  method: 'PRICE',
  unitPriceMinor: 1799,
  validFrom: '2026-01-01',
};

/** The fields named by the problems of these rule fields. */
const problemsOf = (input: RuleFieldsInput, base?: RuleDraft): FieldError[] => draftRule(input, base).errors;

describe('draftRule', () => {
  it('normalises a valid rule: one break from quantity 1, no end date', () => {
    expect(draftRule(valid)).toEqual({
      draft: {
        code: 'ACME-V123',
        description: '',
        currency: 'EUR',
        customerId: CUSTOMER,
        sku: 'V123',
        method: 'PRICE',
        breakBasis: 'QUANTITY',
        breaks: [{ from: 1, value: 1799 }],
        validFrom: '2026-01-01',
      },
      errors: [],
    });
  });

  it('stores percentages as parts per million and AMOUNT breaks from amount 0', () => {
    const { draft } = draftRule({
      ...valid,
      method: 'DISCOUNT',
      unitPriceMinor: undefined,
      percent: 12.5,
      breakBasis: 'AMOUNT',
    });
    expect(draft?.breaks).toEqual([{ from: 0, value: 125_000 }]);
  });

  it.each<[string, RuleFieldsInput, string, RegExp]>([
    ['a rule with no target', { ...valid, customerId: undefined, sku: undefined }, 'targets', /at least one target/],
    ['a negative price', { ...valid, unitPriceMinor: -1 }, 'unitPriceMinor', /no negative prices/],
    [
      'a discount over 100%',
      { ...valid, method: 'DISCOUNT', unitPriceMinor: undefined, percent: 100.5 },
      'percent',
      /cannot be over 100%/,
    ],
    ['an end date before its start', { ...valid, validTo: '2025-12-31' }, 'validTo', /before validFrom/],
    ['an unknown currency', { ...valid, currency: 'XXX' }, 'currency', /ISO 4217/],
    ['a day that does not exist', { ...valid, validFrom: '2026-02-30' }, 'validFrom', /ISO date/],
    [
      'a percent with 5 decimals',
      { ...valid, method: 'MARKUP', unitPriceMinor: undefined, percent: 1.23456 },
      'percent',
      /4 decimals/,
    ],
    [
      'a markup over 10,000%',
      { ...valid, method: 'MARKUP', unitPriceMinor: undefined, percent: 10_001 },
      'percent',
      /at most 10000%/,
    ],
    ['a price on a discount rule', { ...valid, method: 'DISCOUNT' }, 'unitPriceMinor', /only to PRICE rules/],
    ['no method', { ...valid, method: undefined }, 'method', /required/],
    ['an unknown method', { ...valid, method: 'FREE' }, 'method', /one of PRICE, DISCOUNT, MARKUP/],
    ['a bad SKU target', { ...valid, sku: 'no spaces' }, 'sku', /valid SKU/],
    ['a customer that is no UUID', { ...valid, customerId: 'acme' }, 'customerId', /UUID/],
    ['no value', { ...valid, unitPriceMinor: undefined }, 'breaks', /needs its value/],
    ['breaks and a single value', { ...valid, breaks: [{ from: 1, unitPriceMinor: 1 }] }, 'breaks', /not both/],
  ])('refuses %s, naming the field', (_, input, field, problem) => {
    const errors = problemsOf(input);
    expect(errors.map((e) => e.field)).toContain(field);
    expect(errors.find((e) => e.field === field)?.problems.join(' ')).toMatch(problem);
  });

  it('refuses breaks that do not ascend, or a quantity break from 0, naming the break', () => {
    const breaks = [
      { from: 10, unitPriceMinor: 1700 },
      { from: 10, unitPriceMinor: 1600 },
    ];
    expect(problemsOf({ ...valid, unitPriceMinor: undefined, breaks })).toEqual([
      { field: 'breaks[1].from', problems: ['breaks must ascend: from 10 is not above 10'] },
    ]);
    expect(problemsOf({ ...valid, unitPriceMinor: undefined, breaks: [{ from: 0, unitPriceMinor: 1 }] })[0].field).toBe(
      'breaks[0].from',
    );
  });

  it('changes a stored rule field by field: null clears, absent keeps, and the result is checked whole', () => {
    const base = draftRule(valid).draft!;
    const changed = draftRule({ sku: null, category: 'WIDGETS', validTo: '2026-06-30' }, base).draft;
    expect(changed).toMatchObject({
      customerId: CUSTOMER,
      category: 'WIDGETS',
      validTo: '2026-06-30',
      breaks: [{ from: 1, value: 1799 }],
    });
    expect(changed?.sku).toBeUndefined();
    expect(problemsOf({ customerId: null, sku: null }, base).map((e) => e.field)).toEqual(['targets']);
    expect(problemsOf({ method: 'DISCOUNT' }, base).map((e) => e.field)).toEqual(['breaks']);
    expect(sameDraft(draftRule({ description: '' }, base).draft!, base)).toBe(true);
    expect(sameDraft(draftRule({ unitPriceMinor: 1800 }, base).draft!, base)).toBe(false);
  });
});
