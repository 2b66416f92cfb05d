import type { Currency } from '#contracts';
import { DomainError } from '#platform';
import { divideHalfUp, formatMinor } from './money-math.js';
import type { FreightRule, LineFacts, OrderFacts } from './pricing-model.js';

export interface FreightCharge {
  amountMinor: number;
  reason: string;
}

/**
 * The freight rule for an order: in effect on the day, in the currency, for the ship-to
 * region and ship-from location or for any; a rule naming the region beats one naming the
 * location, which beats one naming neither; then the later start date wins.
 */
export function chooseFreightRule(rules: readonly FreightRule[], order: OrderFacts): FreightRule | undefined {
  const rank = (r: FreightRule) => (r.shipToRegion === undefined ? 0 : 2) + (r.shipFromLocation === undefined ? 0 : 1);
  const matching = rules.filter(
    (r) =>
      r.currency === order.currency &&
      r.validFrom <= order.asOf &&
      (r.validTo === undefined || order.asOf <= r.validTo) &&
      (r.shipToRegion === undefined || r.shipToRegion === order.shipToRegion) &&
      (r.shipFromLocation === undefined || r.shipFromLocation === order.shipFromLocation),
  );
  matching.sort((a, b) => rank(b) - rank(a) || (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0));
  return matching[0];
}

/** What the rule charges for an order whose lines come to `merchandiseMinor`. */
export function freightFor(
  rule: FreightRule,
  merchandiseMinor: number,
  lines: readonly LineFacts[],
  currency: Currency,
): FreightCharge {
  const money = (amount: number) => formatMinor(amount, currency);
  if (rule.freeAboveMinor !== undefined && merchandiseMinor >= rule.freeAboveMinor) {
    return {
      amountMinor: 0,
      reason: `freight rule ${rule.code}: free from ${money(rule.freeAboveMinor)} of merchandise`,
    };
  }
  switch (rule.method) {
    case 'FLAT':
      return {
        amountMinor: rule.amountMinor ?? 0,
        reason: `freight rule ${rule.code}: flat ${money(rule.amountMinor ?? 0)}`,
      };
    case 'WEIGHT': {
      const grams = totalWeightGrams(rule, lines);
      const amountMinor = divideHalfUp(BigInt(grams) * BigInt(rule.perKgMinor ?? 0), 1000n);
      return {
        amountMinor,
        reason: `freight rule ${rule.code}: ${grams / 1000} kg at ${money(rule.perKgMinor ?? 0)} per kg, rounded half-up`,
      };
    }
    case 'AMOUNT': {
      const tier = [...(rule.tiers ?? [])].reverse().find((t) => t.fromMinor <= merchandiseMinor);
      if (!tier) return { amountMinor: 0, reason: `freight rule ${rule.code}: merchandise below its first tier` };
      return {
        amountMinor: tier.amountMinor,
        reason: `freight rule ${rule.code}: ${money(tier.amountMinor)} from ${money(tier.fromMinor)} of merchandise`,
      };
    }
  }
}

function totalWeightGrams(rule: FreightRule, lines: readonly LineFacts[]): number {
  const unweighed = [...new Set(lines.filter((l) => l.weightGrams === undefined).map((l) => l.sku))];
  if (unweighed.length > 0) {
    throw new DomainError(
      'PRICE_NOT_FOUND',
      `Freight rule ${rule.code} charges by weight, but SKU ${unweighed.slice(0, 20).join(', ')} has no weight`,
      {
        skus: unweighed,
        freightRule: rule.code,
      },
    );
  }
  return lines.reduce((sum, l) => sum + (l.weightGrams ?? 0) * l.quantity, 0);
}
