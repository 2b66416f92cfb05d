import fc from 'fast-check';
import type { ErrorPayload, PriceOrderReply } from '#contracts';
import { DomainError } from '#platform';
import { line, ORDER, rule } from '../../test/engine-fixtures.js';
import { type OrderPricingInputs, priceOrder } from './order-pricer.js';
import type { FreightRule, LineFacts, MiscCharge, PriceRule, TaxRate } from './pricing-model.js';
import { RuleIndex } from './rule-index.js';

const STANDARD: TaxRate = { id: 'tax-std', region: 'NL', taxClass: 'STANDARD', ppm: 210_000 };
const REDUCED: TaxRate = { id: 'tax-red', region: 'NL', taxClass: 'REDUCED', ppm: 90_000 };

function inputs(
  overrides: Partial<Omit<OrderPricingInputs, 'rules'>> & { rules?: PriceRule[] } = {},
): OrderPricingInputs {
  const { rules = [], ...rest } = overrides;
  return {
    order: ORDER,
    lines: [line()],
    rules: new RuleIndex(rules),
    includeFreight: true,
    freightRules: [],
    charges: [],
    taxRates: [STANDARD, REDUCED],
    ...rest,
  };
}

function failure(fn: () => unknown): ErrorPayload {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.toPayload();
    throw error;
  }
  throw new Error('expected a DomainError');
}

function freight(overrides: Partial<FreightRule>): FreightRule {
  return {
    id: 'fr',
    code: 'FR',
    description: 'Parcel',
    currency: 'EUR',
    method: 'FLAT',
    amountMinor: 695,
    validFrom: '2026-01-01',
    ...overrides,
  };
}

const handling: MiscCharge = {
  id: 'ch',
  code: 'RETURN_HANDLING',
  description: 'Return handling charge',
  amountMinor: 500,
  taxClass: 'STANDARD',
  overridden: false,
};

/** Every total is the exact sum of what it totals. */
function totalsAddUp(reply: PriceOrderReply): boolean {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const lineTax = sum(reply.lines.map((l) => l.taxMinor));
  const chargeTax = sum(reply.charges.map((c) => c.taxMinor));
  return (
    reply.lines.every((l) => l.lineTotalMinor === l.unitPriceMinor * l.quantity) &&
    reply.totalMinor === sum(reply.lines.map((l) => l.lineTotalMinor)) &&
    reply.totals.linesMinor === reply.totalMinor &&
    reply.totals.discountMinor === sum(reply.lines.map((l) => l.discountMinor)) &&
    reply.totals.chargesMinor === sum(reply.charges.map((c) => c.amountMinor)) &&
    reply.totals.taxMinor === lineTax + chargeTax &&
    reply.totals.taxMinor === sum(reply.taxes.map((t) => t.taxMinor)) &&
    reply.totals.grandTotalMinor === reply.totals.linesMinor + reply.totals.chargesMinor + reply.totals.taxMinor
  );
}

describe('priceOrder totals', () => {
  const arbitraryLine = fc.record({
    sku: fc.constantFrom('A', 'B', 'C', 'D'),
    quantity: fc.integer({ min: 1, max: 10_000 }),
    list: fc.integer({ min: 0, max: 1_000_000 }),
    taxClass: fc.constantFrom('STANDARD', 'REDUCED'),
  });
  const arbitraryRule = fc.record({
    sku: fc.constantFrom('A', 'B', 'C', 'D'),
    method: fc.constantFrom('PRICE' as const, 'DISCOUNT' as const, 'MARKUP' as const),
    from: fc.integer({ min: 1, max: 50 }),
    value: fc.integer({ min: 0, max: 1_000_000 }),
  });

  it('always equal the sum of the lines, charges and taxes, whatever the rules, rates and rounding', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryLine, { minLength: 1, maxLength: 40 }),
        fc.array(arbitraryRule, { maxLength: 10 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (lines, rules, standardPpm, charge) => {
          const facts: LineFacts[] = lines.map((l, i) =>
            line({
              lineId: `l${i}`,
              sku: l.sku,
              quantity: l.quantity,
              taxClass: l.taxClass,
              listPrice: { id: `p-${l.sku}`, unitPriceMinor: l.list },
              unitCostMinor: l.list,
            }),
          );
          const priceRules = rules.map((r) =>
            rule({
              sku: r.sku,
              method: r.method,
              breaks: [{ from: r.from, value: r.method === 'DISCOUNT' ? r.value : r.value * 10 }],
            }),
          );
          const reply = priceOrder(
            inputs({
              lines: facts,
              rules: priceRules,
              freightRules: [freight({ method: 'AMOUNT', tiers: [{ fromMinor: 0, amountMinor: 995 }] })],
              charges: [{ ...handling, amountMinor: charge }],
              taxRates: [{ ...STANDARD, ppm: standardPpm }, REDUCED],
            }),
          );
          return totalsAddUp(reply);
        },
      ),
    );
  });

  it('rounds tax per line: three lines of 0.05 at 10% are taxed 0.01 each, 0.03 in all (not 0.02 on the 0.15 total)', () => {
    const lines = ['a', 'b', 'c'].map((lineId) => line({ lineId, listPrice: { id: 'p', unitPriceMinor: 5 } }));
    const reply = priceOrder(inputs({ lines, taxRates: [{ ...STANDARD, ppm: 100_000 }] }));
    expect(reply.lines.map((l) => l.taxMinor)).toEqual([1, 1, 1]);
    expect(reply.taxes).toEqual([
      {
        region: 'NL',
        taxClass: 'STANDARD',
        percent: 10,
        taxRateId: 'tax-std',
        taxableMinor: 15,
        taxMinor: 3,
        reason: '10% STANDARD tax in NL, rounded half-up per line and charge',
      },
    ]);
    expect(reply.totals).toEqual({
      linesMinor: 15,
      discountMinor: 0,
      chargesMinor: 0,
      taxMinor: 3,
      grandTotalMinor: 18,
    });
  });

  it('explains every line: the list price, the discount against it and the rule that priced it', () => {
    const special = rule({ code: 'ACME', customerId: ORDER.customerId, breaks: [{ from: 1, value: 1500 }] });
    const reply = priceOrder(
      inputs({ lines: [line({ quantity: 4 }), line({ lineId: 'l2', quantity: 2 })], rules: [special] }),
    );
    const [priced] = reply.lines;
    expect(reply.rules).toEqual([
      {
        id: special.id,
        code: 'ACME',
        description: '',
        version: 1,
        method: 'PRICE',
        breakBasis: 'QUANTITY',
        specificity: 40,
      },
    ]);
    expect(priced).toEqual({
      lineId: 'l1',
      sku: 'V123',
      quantity: 4,
      unitPriceMinor: 1500,
      lineTotalMinor: 6000,
      priceId: special.id,
      source: 'RULE',
      ruleCode: 'ACME',
      ruleVersion: 1,
      breakFrom: 1,
      listPriceMinor: 2000,
      discountMinor: 2000,
      category: 'WIDGETS',
      taxClass: 'STANDARD',
      taxMinor: 1260,
      taxPercent: 21,
      reason: 'rule ACME (customer, sku V123): price 15.00 from quantity 1',
    });
  });

  it('refuses to price when a SKU has no price, naming every such SKU', () => {
    const lines = [
      line(),
      line({ lineId: 'l2', sku: 'NOPE', listPrice: undefined }),
      line({ lineId: 'l3', sku: 'GONE', listPrice: undefined }),
    ];
    expect(failure(() => priceOrder(inputs({ lines })))).toMatchObject({
      code: 'PRICE_NOT_FOUND',
      details: { skus: ['NOPE', 'GONE'] },
    });
  });
});

describe('taxes', () => {
  it('refuses to price when a taxed class has no rate in the ship-to region', () => {
    const lines = [line({ taxClass: 'LUXURY' })];
    expect(failure(() => priceOrder(inputs({ lines })))).toMatchObject({
      code: 'TAX_RATE_NOT_FOUND',
      details: { region: 'NL', taxClasses: ['LUXURY'] },
    });
  });

  it('leaves taxes out, and says so, without a ship-to region', () => {
    const reply = priceOrder(inputs({ order: { ...ORDER, shipToRegion: undefined }, taxRates: [] }));
    expect(reply.totals.taxMinor).toBe(0);
    expect(reply.notes).toContain('no ship-to region: taxes are not included');
  });
});

describe('freight and charges', () => {
  const merchandise = (unit: number, quantity = 1) => [
    line({ quantity, listPrice: { id: 'p', unitPriceMinor: unit }, weightGrams: 1250 }),
  ];

  it('charges flat freight, free from an amount of merchandise', () => {
    const flat = freight({ freeAboveMinor: 10_000 });
    expect(priceOrder(inputs({ lines: merchandise(9_999), freightRules: [flat] })).charges[0]).toMatchObject({
      kind: 'FREIGHT',
      amountMinor: 695,
      taxMinor: 0,
    });
    expect(priceOrder(inputs({ lines: merchandise(10_000), freightRules: [flat] })).charges[0]).toMatchObject({
      amountMinor: 0,
      reason: 'freight rule FR: free from 100.00 of merchandise',
    });
  });

  it('charges by weight per kg, rounded half-up, and by tiers of merchandise amount', () => {
    // 3 × 1.25 kg = 3.75 kg at 1.30 per kg = 4.875, half-up 4.88.
    const weight = freight({ method: 'WEIGHT', perKgMinor: 130, amountMinor: undefined, taxClass: 'STANDARD' });
    expect(priceOrder(inputs({ lines: merchandise(100, 3), freightRules: [weight] })).charges[0]).toMatchObject({
      amountMinor: 488,
      taxMinor: 102,
    });
    const tiers = freight({
      method: 'AMOUNT',
      tiers: [
        { fromMinor: 0, amountMinor: 995 },
        { fromMinor: 5_000, amountMinor: 495 },
      ],
    });
    expect(priceOrder(inputs({ lines: merchandise(4_999), freightRules: [tiers] })).charges[0].amountMinor).toBe(995);
    expect(priceOrder(inputs({ lines: merchandise(5_000), freightRules: [tiers] })).charges[0].amountMinor).toBe(495);
  });

  it('refuses freight by weight for an item with no weight, naming it', () => {
    const weight = freight({ method: 'WEIGHT', perKgMinor: 130 });
    expect(failure(() => priceOrder(inputs({ freightRules: [weight] })))).toMatchObject({
      code: 'PRICE_NOT_FOUND',
      details: { skus: ['V123'] },
    });
  });

  it('picks the freight rule for the region over one for the location over a general one, then the latest', () => {
    const rules = [
      freight({ id: 'any', code: 'ANY' }),
      freight({ id: 'wh1', code: 'WH1', shipFromLocation: 'WH1' }),
      freight({ id: 'nl-old', code: 'NL-OLD', shipToRegion: 'NL', validFrom: '2026-01-01' }),
      freight({ id: 'nl-new', code: 'NL-NEW', shipToRegion: 'NL', validFrom: '2026-02-01' }),
      freight({ id: 'be', code: 'BE', shipToRegion: 'BE' }),
    ];
    expect(priceOrder(inputs({ freightRules: rules })).charges[0].sourceId).toBe('nl-new');
    expect(priceOrder(inputs({ freightRules: rules.slice(0, 2) })).charges[0].sourceId).toBe('wh1');
    expect(priceOrder(inputs({ freightRules: rules, includeFreight: false })).charges).toEqual([]);
  });

  it('adds a return handling charge at its default, or as a return overrides it, taxed at its class', () => {
    const standard = priceOrder(inputs({ charges: [handling] })).charges[0];
    expect(standard).toMatchObject({
      kind: 'MISC',
      code: 'RETURN_HANDLING',
      amountMinor: 500,
      taxMinor: 105,
      reason: 'charge RETURN_HANDLING at its default amount',
    });
    const overridden = { ...handling, amountMinor: 250, description: 'Restocking, opened box', overridden: true };
    expect(priceOrder(inputs({ charges: [overridden] })).charges[0]).toMatchObject({
      description: 'Restocking, opened box',
      amountMinor: 250,
      taxMinor: 53,
      reason: 'charge RETURN_HANDLING as the request set it',
    });
  });
});
