import fc from 'fast-check';
import { line, ORDER, rule } from '../../test/engine-fixtures.js';
import type { PriceRule } from './pricing-model.js';
import { RuleIndex } from './rule-index.js';
import { breakFor, priceLine } from './rule-pricer.js';

const price = (rules: PriceRule[], facts = line()) => priceLine(new RuleIndex(rules).candidates(facts), ORDER, facts);

describe('breaks', () => {
  const tiers = rule({
    code: 'TIERS',
    breaks: [
      { from: 1, value: 1900 },
      { from: 10, value: 1800 },
      { from: 100, value: 1500 },
    ],
  });

  it.each([
    [1, 1900, 1],
    [9, 1900, 1],
    [10, 1800, 10],
    [99, 1800, 10],
    [100, 1500, 100],
    [5000, 1500, 100],
  ])('prices quantity %p at %p (the break from %p)', (quantity, unit, from) => {
    const priced = price([tiers], line({ quantity }));
    expect(priced).toMatchObject({
      unitPriceMinor: unit,
      priceId: tiers.id,
      source: 'RULE',
      rule: { code: 'TIERS' },
      breakFrom: from,
    });
  });

  it('always applies the highest break the line reaches', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 1200 }),
        (froms, measure) => {
          const breaks = [...froms].sort((a, b) => a - b).map((from) => ({ from, value: from }));
          const reached = breakFor(breaks, measure);
          const expected = breaks.filter((b) => b.from <= measure).pop();
          return reached === expected;
        },
      ),
    );
  });

  it("lets a line below a rule's first break fall through to the next rule, then to the list price", () => {
    const volume = rule({ code: 'VOLUME', customerId: ORDER.customerId, breaks: [{ from: 50, value: 1000 }] });
    const general = rule({ code: 'GENERAL', breaks: [{ from: 10, value: 1800 }] });
    expect(price([volume, general], line({ quantity: 60 }))?.priceId).toBe(volume.id);
    expect(price([volume, general], line({ quantity: 20 }))?.priceId).toBe(general.id);
    expect(price([volume, general], line({ quantity: 5 }))).toEqual({
      unitPriceMinor: 2000,
      priceId: 'list-v123',
      source: 'LIST_PRICE',
      reason: 'list price 20.00 (no rule applies)',
    });
  });

  it('measures AMOUNT breaks as quantity × list price, in minor units', () => {
    const byAmount = rule({
      method: 'DISCOUNT',
      breakBasis: 'AMOUNT',
      breaks: [
        { from: 0, value: 0 },
        { from: 10_000, value: 50_000 },
      ],
    });
    expect(price([byAmount], line({ quantity: 4 }))).toMatchObject({ unitPriceMinor: 2000, breakFrom: 0 });
    const priced = price([byAmount], line({ quantity: 5 }));
    expect(priced).toMatchObject({ unitPriceMinor: 1900, breakFrom: 10_000 });
    expect(priced?.reason).toBe(`rule ${byAmount.code} (sku V123): 5% off list price 20.00 from amount 100.00`);
  });
});

describe('methods', () => {
  it('sets a price', () => {
    const fixed = rule({ code: 'FIXED', customerType: 'WHOLESALE', breaks: [{ from: 1, value: 1234 }] });
    expect(price([fixed])).toMatchObject({
      unitPriceMinor: 1234,
      reason: 'rule FIXED (customer type WHOLESALE, sku V123): price 12.34 from quantity 1',
    });
  });

  it('takes a percentage off the list price, rounding the unit price half-up', () => {
    const discount = rule({ method: 'DISCOUNT', breaks: [{ from: 1, value: 125_000 }] });
    expect(price([discount], line({ listPrice: { id: 'p', unitPriceMinor: 1999 } }))).toMatchObject({
      unitPriceMinor: 1749,
      reason: `rule ${discount.code} (sku V123): 12.5% off list price 19.99 from quantity 1`,
    });
    // 1,995 less 10% is 1,795.5: half-up gives 1,796.
    const ten = rule({ method: 'DISCOUNT', breaks: [{ from: 1, value: 100_000 }] });
    expect(price([ten], line({ listPrice: { id: 'p', unitPriceMinor: 1995 } }))?.unitPriceMinor).toBe(1796);
  });

  it('marks up the unit cost, and skips a markup for an item without one', () => {
    const markup = rule({
      code: 'MARKUP',
      category: 'WIDGETS',
      sku: undefined,
      method: 'MARKUP',
      breaks: [{ from: 1, value: 250_000 }],
    });
    expect(price([markup], line({ unitCostMinor: 1200 }))).toMatchObject({
      unitPriceMinor: 1500,
      reason: 'rule MARKUP (category WIDGETS): 25% over cost 12.00 from quantity 1',
    });
    expect(price([markup], line())).toMatchObject({ source: 'LIST_PRICE', unitPriceMinor: 2000 });
  });

  it('skips a discount for a SKU without a list price, and prices nothing without either', () => {
    const discount = rule({ method: 'DISCOUNT', breaks: [{ from: 1, value: 100_000 }] });
    expect(price([discount], line({ listPrice: undefined }))).toBeUndefined();
    expect(
      price([rule({ breaks: [{ from: 1, value: 700 }] }), discount], line({ listPrice: undefined }))?.unitPriceMinor,
    ).toBe(700);
  });

  it('ignores rules out of their date range or in another currency', () => {
    const expired = rule({ validTo: '2026-03-14', breaks: [{ from: 1, value: 1 }] });
    const future = rule({ validFrom: '2026-03-16', validTo: undefined, breaks: [{ from: 1, value: 2 }] });
    const dollars = rule({ currency: 'USD', breaks: [{ from: 1, value: 3 }] });
    expect(price([expired, future, dollars])?.source).toBe('LIST_PRICE');
  });
});
