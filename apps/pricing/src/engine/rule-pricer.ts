import type { AppliedRuleView, Currency, PriceSource } from '#contracts';
import { formatMinor, ppmToPercent, scaleByPpm } from './money-math.js';
import type { LineFacts, OrderFacts, PriceRule, RuleBreak } from './pricing-model.js';
import { describeTargets, ruleMatches, specificity } from './rule-precedence.js';

/** A line's unit price and where it came from. */
export interface LinePrice {
  unitPriceMinor: number;
  priceId: string;
  source: PriceSource;
  rule?: AppliedRuleView;
  /** The break of `rule` that applied. */
  breakFrom?: number;
  reason: string;
}

/**
 * Prices one line: the first rule, in precedence order, that matches the line and can
 * price it; without one, the list price; without that, undefined.
 *
 * A matching rule cannot price a line (and the next one is tried) when the line has not
 * reached its first break, when it needs a base the line lacks (a list price for DISCOUNT
 * and for AMOUNT breaks, a unit cost for MARKUP).
 */
export function priceLine(
  rulesByPrecedence: Iterable<PriceRule>,
  order: OrderFacts,
  line: LineFacts,
): LinePrice | undefined {
  for (const rule of rulesByPrecedence) {
    if (!ruleMatches(rule, order, line)) continue;
    const priced = applyRule(rule, line, order.currency);
    if (priced) return priced;
  }
  if (!line.listPrice) return undefined;
  return {
    unitPriceMinor: line.listPrice.unitPriceMinor,
    priceId: line.listPrice.id,
    source: 'LIST_PRICE',
    reason: `list price ${formatMinor(line.listPrice.unitPriceMinor, order.currency)} (no rule applies)`,
  };
}

/** What a rule makes of a line, or undefined when it cannot price it. */
export function applyRule(rule: PriceRule, line: LineFacts, currency: Currency): LinePrice | undefined {
  const measure =
    rule.breakBasis === 'QUANTITY' ? line.quantity : line.listPrice && line.listPrice.unitPriceMinor * line.quantity;
  if (measure === undefined) return undefined;
  const reached = breakFor(rule.breaks, measure);
  if (!reached) return undefined;
  const priced = unitPriceBy(rule, reached, line, currency);
  if (!priced) return undefined;
  const from =
    rule.breakBasis === 'QUANTITY' ? `quantity ${reached.from}` : `amount ${formatMinor(reached.from, currency)}`;
  return {
    unitPriceMinor: priced.unitPriceMinor,
    priceId: rule.id,
    source: 'RULE',
    rule: appliedRule(rule),
    breakFrom: reached.from,
    reason: `rule ${rule.code} (${targetsOf(rule)}): ${priced.how} from ${from}`,
  };
}

// Thousands of lines are priced by the same few rules: their views and target texts are
// made once per request (the rules are read afresh for every request, so these never go stale).
const appliedRules = new WeakMap<PriceRule, AppliedRuleView>();
const targetTexts = new WeakMap<PriceRule, string>();

function appliedRule(rule: PriceRule): AppliedRuleView {
  let view = appliedRules.get(rule);
  if (!view) {
    view = {
      id: rule.id,
      code: rule.code,
      description: rule.description,
      version: rule.version,
      method: rule.method,
      breakBasis: rule.breakBasis,
      specificity: specificity(rule),
    };
    appliedRules.set(rule, view);
  }
  return view;
}

function targetsOf(rule: PriceRule): string {
  let text = targetTexts.get(rule);
  if (text === undefined) {
    text = describeTargets(rule);
    targetTexts.set(rule, text);
  }
  return text;
}

/** The highest break the measure has reached, or undefined below the first. */
export function breakFor(breaks: readonly RuleBreak[], measure: number): RuleBreak | undefined {
  let reached: RuleBreak | undefined;
  for (const candidate of breaks) {
    if (candidate.from > measure) break;
    reached = candidate;
  }
  return reached;
}

function unitPriceBy(
  rule: PriceRule,
  reached: RuleBreak,
  line: LineFacts,
  currency: Currency,
): { unitPriceMinor: number; how: string } | undefined {
  const percent = `${ppmToPercent(reached.value)}%`;
  switch (rule.method) {
    case 'PRICE':
      return { unitPriceMinor: reached.value, how: `price ${formatMinor(reached.value, currency)}` };
    case 'DISCOUNT': {
      if (!line.listPrice) return undefined;
      const list = line.listPrice.unitPriceMinor;
      return {
        unitPriceMinor: scaleByPpm(list, -reached.value),
        how: `${percent} off list price ${formatMinor(list, currency)}`,
      };
    }
    case 'MARKUP': {
      if (line.unitCostMinor === undefined) return undefined;
      const cost = line.unitCostMinor;
      return {
        unitPriceMinor: scaleByPpm(cost, reached.value),
        how: `${percent} over cost ${formatMinor(cost, currency)}`,
      };
    }
  }
}
