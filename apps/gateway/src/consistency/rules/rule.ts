import type { ConsistencyRule, Disagreement } from '#contracts';
import type { SystemFacts } from '../system-facts.js';

/** What one rule found: how many things it looked at, and each disagreement. */
export interface RuleOutcome {
  checked: number;
  disagreements: Disagreement[];
}

/** A rule: its name, what it proves in words, and the comparison itself (pure: facts in, outcome out). */
export interface RuleDefinition {
  rule: ConsistencyRule;
  description: string;
  check(facts: SystemFacts): RuleOutcome;
}

export function sumOf<T>(items: readonly T[] | undefined, quantity: (item: T) => number): number {
  return (items ?? []).reduce((sum, item) => sum + quantity(item), 0);
}

/** Groups items by a key. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
