import type { ConsistencyRuleReport, Disagreement, SystemConsistencyReport } from '#contracts';
import { CONSISTENCY_RULES } from './rules/consistency-rules.js';
import { type FactSources, gatherFacts } from './system-facts.js';

export interface SystemCheckOptions {
  /**
   * How long to wait before looking again at what disagreed. Work in flight (an order being
   * placed, an event not consumed yet) disagrees for a moment; only what still disagrees after
   * this is reported. 0: report the first look as it is.
   */
  settleMs: number;
  /** Facts per page asked of each service. */
  pageSize: number;
  /** Waits `ms` (a test passes its own). */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_SETTLE_MS = 10_000;

/**
 * Proves that the services agree: reads every service's facts, applies every rule, and when
 * something disagrees waits `settleMs`, reads everything again and reports only the
 * disagreements seen both times (with what the second look found).
 */
export async function checkSystem(sources: FactSources, options: SystemCheckOptions): Promise<SystemConsistencyReport> {
  const firstAt = new Date();
  const first = applyRules(await gatherFacts(sources, options.pageSize));
  const disagreed = first.some((r) => r.disagreements.length > 0);
  if (!disagreed || options.settleMs <= 0) return report(first, firstAt, options.settleMs);
  await (options.sleep ?? sleep)(options.settleMs);
  const secondAt = new Date();
  const second = applyRules(await gatherFacts(sources, options.pageSize));
  const seen = new Set(first.flatMap((r) => r.disagreements.map((d) => keyOf(r.rule, d))));
  return report(
    second.map((r) => ({ ...r, disagreements: r.disagreements.filter((d) => seen.has(keyOf(r.rule, d))) })),
    secondAt,
    options.settleMs,
  );
}

function applyRules(facts: Awaited<ReturnType<typeof gatherFacts>>): ConsistencyRuleReport[] {
  return CONSISTENCY_RULES.map((definition) => ({
    rule: definition.rule,
    description: definition.description,
    ...definition.check(facts),
  }));
}

function report(rules: ConsistencyRuleReport[], checkedAt: Date, settleMs: number): SystemConsistencyReport {
  return {
    consistent: rules.every((r) => r.disagreements.length === 0),
    checkedAt: checkedAt.toISOString(),
    settleMs,
    rules,
  };
}

/** The same disagreement on both looks: same rule, same subject, same ids (the amounts may have moved). */
function keyOf(rule: string, d: Disagreement): string {
  return [rule, d.about, d.orderId, d.orderLineId, d.locationCode, d.invoiceId].join('|');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
