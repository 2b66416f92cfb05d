import type { LineFacts, PriceRule } from './pricing-model.js';
import { compareRanked, type RankedRule, specificity } from './rule-precedence.js';

const NONE: readonly RankedRule[] = [];

/**
 * The candidate rules of one pricing request, grouped so a line looks only at rules for
 * its SKU, its category, or neither; each group is kept in precedence order and a line
 * walks the three groups merged, so pricing stops at the first rule that applies without
 * sorting or copying anything per line.
 */
export class RuleIndex {
  private readonly bySku = new Map<string, RankedRule[]>();
  private readonly byCategory = new Map<string, RankedRule[]>();
  private readonly rest: RankedRule[] = [];

  constructor(rules: readonly PriceRule[]) {
    for (const rule of rules) {
      const ranked = { rule, specificity: specificity(rule) };
      if (rule.sku !== undefined) push(this.bySku, rule.sku, ranked);
      else if (rule.category !== undefined) push(this.byCategory, rule.category, ranked);
      else this.rest.push(ranked);
    }
    for (const group of [...this.bySku.values(), ...this.byCategory.values(), this.rest]) group.sort(compareRanked);
  }

  /** Every rule that could match the line, the winner first (still to be matched in full). */
  *candidates(line: LineFacts): Generator<PriceRule> {
    const a = this.bySku.get(line.sku) ?? NONE;
    const b = (line.category === undefined ? undefined : this.byCategory.get(line.category)) ?? NONE;
    const c = this.rest;
    let [i, j, k] = [0, 0, 0];
    while (i < a.length || j < b.length || k < c.length) {
      let best = i < a.length ? a[i] : undefined;
      if (j < b.length && (!best || compareRanked(b[j], best) < 0)) best = b[j];
      if (k < c.length && (!best || compareRanked(c[k], best) < 0)) best = c[k];
      if (best === a[i]) i++;
      else if (best === b[j]) j++;
      else k++;
      yield best!.rule;
    }
  }
}

function push(map: Map<string, RankedRule[]>, key: string, ranked: RankedRule): void {
  const group = map.get(key);
  if (group) group.push(ranked);
  else map.set(key, [ranked]);
}
