import fc from 'fast-check';
import { RuleTargets, type RuleTarget } from '#contracts';
import { line, ORDER, rule } from '../../test/engine-fixtures.js';
import type { LineFacts, OrderFacts, PriceRule, RuleTargetValues } from './pricing-model.js';
import { RuleIndex } from './rule-index.js';
import { comparePrecedence, ruleMatches, specificity, TARGET_WEIGHTS } from './rule-precedence.js';
import { priceLine } from './rule-pricer.js';

/** What a line with these facts has for each target. */
function valuesOf(order: OrderFacts, facts: LineFacts): Record<RuleTarget, string | undefined> {
  return {
    customerId: order.customerId,
    customerType: order.customerType,
    sku: facts.sku,
    category: facts.category,
    shipToRegion: order.shipToRegion,
    shipFromLocation: facts.shipFromLocation ?? order.shipFromLocation,
  };
}

function targeting(targets: readonly RuleTarget[], facts: LineFacts, overrides: Partial<PriceRule> = {}): PriceRule {
  const values = valuesOf(ORDER, facts);
  const chosen: RuleTargetValues = Object.fromEntries(targets.map((t) => [t, values[t]]));
  return rule({ sku: undefined, ...chosen, ...overrides });
}

/** The rule that prices the line among `rules`. */
const winner = (rules: PriceRule[], facts = line()) =>
  priceLine(new RuleIndex(rules).candidates(facts), ORDER, facts)?.priceId;

describe('specificity', () => {
  it('weighs targets customer 32, customer type 16, sku 8, category 4, ship-to 2, ship-from 1', () => {
    expect(TARGET_WEIGHTS).toEqual({
      customerId: 32,
      customerType: 16,
      sku: 8,
      category: 4,
      shipToRegion: 2,
      shipFromLocation: 1,
    });
    expect(specificity({ customerId: 'c', sku: 'V123' })).toBe(40);
    expect(specificity({ shipToRegion: 'NL', shipFromLocation: 'WH1' })).toBe(3);
  });

  it('decides by the first target (customer, type, sku, category, ship-to, ship-from) one rule names and the other does not', () => {
    const facts = line();
    const customerOnly = targeting(['customerId'], facts, { breaks: [{ from: 1, value: 1 }] });
    const typeSkuCategoryShipping = targeting(
      ['customerType', 'sku', 'category', 'shipToRegion', 'shipFromLocation'],
      facts,
    );
    expect(winner([typeSkuCategoryShipping, customerOnly])).toBe(customerOnly.id);
    const sku = targeting(['sku'], facts);
    const categoryAndShipping = targeting(['category', 'shipToRegion', 'shipFromLocation'], facts);
    expect(winner([categoryAndShipping, sku])).toBe(sku.id);
  });
});

describe('a more specific rule always beats a less specific one', () => {
  const targetSet = fc.subarray([...RuleTargets], { minLength: 1 });

  /** A set of targets and a smaller, non-empty part of it. */
  const targetsAndPart = fc
    .subarray([...RuleTargets], { minLength: 2 })
    .chain((all) => fc.tuple(fc.constant(all), fc.subarray(all, { minLength: 1, maxLength: all.length - 1 })));
  const januaryDay = fc.integer({ min: 1, max: 31 }).map((d) => `2026-01-${String(d).padStart(2, '0')}`);

  it('whatever the start dates and the order the rules come in', () => {
    fc.assert(
      fc.property(
        targetsAndPart,
        januaryDay,
        januaryDay,
        fc.boolean(),
        ([all, part], specificStart, generalStart, reversed) => {
          const facts = line({ quantity: 3 });
          const specific = targeting(all, facts, { validFrom: specificStart, breaks: [{ from: 1, value: 111 }] });
          const general = targeting(part, facts, { validFrom: generalStart, breaks: [{ from: 1, value: 222 }] });
          const rules = reversed ? [general, specific] : [specific, general];
          return winner(rules, facts) === specific.id && comparePrecedence(specific, general) < 0;
        },
      ),
    );
  });

  it('and between rules with the same targets the later start date wins', () => {
    fc.assert(
      fc.property(
        targetSet,
        fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 2, maxLength: 5 }),
        (targets, days) => {
          const facts = line();
          const rules = days.map((d) =>
            targeting(targets, facts, { validFrom: `2026-02-${String(d).padStart(2, '0')}` }),
          );
          const latest = rules.reduce((a, b) => (a.validFrom > b.validFrom ? a : b));
          return winner(rules, facts) === latest.id;
        },
      ),
    );
  });
});

describe('ruleMatches', () => {
  const facts = line();

  it('includes both ends of the date range', () => {
    expect(ruleMatches(rule({ validFrom: ORDER.asOf, validTo: undefined }), ORDER, facts)).toBe(true);
    expect(ruleMatches(rule({ validFrom: '2026-01-01', validTo: ORDER.asOf }), ORDER, facts)).toBe(true);
    expect(ruleMatches(rule({ validFrom: '2026-01-01', validTo: '2026-03-14' }), ORDER, facts)).toBe(false);
    expect(ruleMatches(rule({ validFrom: '2026-03-16', validTo: undefined }), ORDER, facts)).toBe(false);
  });

  it("needs every target it names to be the line's, and the currency", () => {
    expect(ruleMatches(rule({ sku: 'OTHER' }), ORDER, facts)).toBe(false);
    expect(ruleMatches(rule({ customerType: 'RETAIL' }), ORDER, facts)).toBe(false);
    expect(ruleMatches(rule({ customerType: 'WHOLESALE', shipToRegion: 'NL' }), ORDER, facts)).toBe(true);
    expect(ruleMatches(rule({ currency: 'USD' }), ORDER, facts)).toBe(false);
    expect(ruleMatches(rule({ customerType: 'WHOLESALE' }), { ...ORDER, customerType: undefined }, facts)).toBe(false);
  });

  it("matches the ship-from location of the line before the order's", () => {
    expect(ruleMatches(rule({ shipFromLocation: 'WH2' }), ORDER, line({ shipFromLocation: 'WH2' }))).toBe(true);
    expect(ruleMatches(rule({ shipFromLocation: 'WH1' }), ORDER, line({ shipFromLocation: 'WH2' }))).toBe(false);
  });
});
