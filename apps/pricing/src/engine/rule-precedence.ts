import { type RuleTarget, RuleTargets } from '#contracts';
import type { LineFacts, OrderFacts, PriceRule, RuleTargetValues } from './pricing-model.js';

/**
 * Specificity of each target: customer 32, customer type 16, SKU 8, category 4, ship-to
 * region 2, ship-from location 1. A rule's specificity is the sum over the targets it
 * names, so comparing two rules' specificity compares, target by target in that order,
 * whether each names it: the first target one names and the other does not decides. A rule
 * whose targets include all of another's (and more) is therefore always more specific.
 */
export const TARGET_WEIGHTS = Object.fromEntries(
  RuleTargets.map((t, i) => [t, 2 ** (RuleTargets.length - 1 - i)]),
) as Record<RuleTarget, number>;

export function specificity(targets: RuleTargetValues): number {
  let total = 0;
  for (const target of RuleTargets) if (targets[target] !== undefined) total += TARGET_WEIGHTS[target];
  return total;
}

/**
 * Orders rules by precedence, the winner first: the more specific, then the later start
 * date, then (never needed between rules that can both match, which the precedence index
 * keeps apart) the code, so the order is total.
 */
export function comparePrecedence(a: PriceRule, b: PriceRule): number {
  return compareRanked({ rule: a, specificity: specificity(a) }, { rule: b, specificity: specificity(b) });
}

/** A rule with its specificity worked out once. */
export interface RankedRule {
  rule: PriceRule;
  specificity: number;
}

/** {@link comparePrecedence} for rules whose specificity is known. */
export function compareRanked(a: RankedRule, b: RankedRule): number {
  const [x, y] = [a.rule, b.rule];
  return (
    b.specificity - a.specificity ||
    (x.validFrom === y.validFrom ? 0 : x.validFrom < y.validFrom ? 1 : -1) ||
    (x.code < y.code ? -1 : x.code > y.code ? 1 : 0)
  );
}

/** True when the rule is in effect on the day, in the currency, and every target it names is the line's. */
export function ruleMatches(rule: PriceRule, order: OrderFacts, line: LineFacts): boolean {
  return (
    rule.currency === order.currency &&
    rule.validFrom <= order.asOf &&
    (rule.validTo === undefined || order.asOf <= rule.validTo) &&
    targetMatches(rule.customerId, order.customerId) &&
    targetMatches(rule.customerType, order.customerType) &&
    targetMatches(rule.sku, line.sku) &&
    targetMatches(rule.category, line.category) &&
    targetMatches(rule.shipToRegion, order.shipToRegion) &&
    targetMatches(rule.shipFromLocation, line.shipFromLocation ?? order.shipFromLocation)
  );
}

function targetMatches(target: string | undefined, actual: string | undefined): boolean {
  return target === undefined || target === actual;
}

/** The targets a rule names, for reasons: `customer, sku V123` or `customer type WHOLESALE, category TOOLS`. */
export function describeTargets(rule: RuleTargetValues): string {
  const labels: Record<RuleTarget, string> = {
    customerId: 'customer',
    customerType: 'customer type',
    sku: 'sku',
    category: 'category',
    shipToRegion: 'ship-to',
    shipFromLocation: 'ship-from',
  };
  // The customer is the order's own: its id would only lengthen every reason.
  return RuleTargets.filter((t) => rule[t] !== undefined)
    .map((t) => (t === 'customerId' ? labels[t] : `${labels[t]} ${rule[t]}`))
    .join(', ');
}
