import type { AppliedRuleView, OrderTotalsView, PricedChargeView, PricedLineView, PriceOrderReply } from '#contracts';
import { DomainError, validationFailed } from '#platform';
import { chooseFreightRule, freightFor } from './freight-math.js';
import { addSafe, type PricedLine, priceLines } from './line-math.js';
import { ppmToPercent } from './money-math.js';
import type { FreightRule, LineFacts, MiscCharge, OrderFacts, TaxRate } from './pricing-model.js';
import type { RuleIndex } from './rule-index.js';
import { type LinePrice, priceLine } from './rule-pricer.js';
import { type AmountTax, TaxCalculator } from './tax-math.js';

/** Everything an order's price depends on, already read from the database. */
export interface OrderPricingInputs {
  order: OrderFacts;
  lines: readonly LineFacts[];
  rules: RuleIndex;
  includeFreight: boolean;
  freightRules: readonly FreightRule[];
  charges: readonly MiscCharge[];
  /** The rates of the ship-to region on the day (empty without a region). */
  taxRates: readonly TaxRate[];
}

/** How many missing SKUs the PRICE_NOT_FOUND message names; `details.skus` has them all. */
const MISSING_SKUS_IN_MESSAGE = 20;

/**
 * Prices an order: every line by its winning rule or list price, then freight and
 * miscellaneous charges, then taxes, then totals. Pure: the same inputs give the same
 * reply. Every total is the exact sum of what it totals.
 */
export function priceOrder(inputs: OrderPricingInputs): PriceOrderReply {
  const { order } = inputs;
  const linePrices = resolveLinePrices(inputs);
  const priced = priceLines(inputs.lines, (_, index) => linePrices[index]);
  const taxes = new TaxCalculator(order.shipToRegion, inputs.taxRates);
  const lines = priced.lines.map((line, i) =>
    lineView(i, line, inputs.lines[i], linePrices[i], taxes.tax(inputs.lines[i].taxClass, line.lineTotalMinor)),
  );
  const notes: string[] = [];
  const charges = [
    ...freightCharges(inputs, priced.totalMinor, taxes, notes),
    ...inputs.charges.map((c) => miscChargeView(c, taxes)),
  ];
  taxes.assertComplete(order.asOf);
  if (order.shipToRegion === undefined) notes.push('no ship-to region: taxes are not included');
  return {
    currency: order.currency,
    asOf: order.asOf,
    ...(order.customerId === undefined ? {} : { customerId: order.customerId }),
    ...(order.customerType === undefined ? {} : { customerType: order.customerType }),
    ...(order.shipToRegion === undefined ? {} : { shipToRegion: order.shipToRegion }),
    lines,
    rules: [...new Set(linePrices.map((p) => p.rule).filter((r): r is AppliedRuleView => r !== undefined))],
    totalMinor: priced.totalMinor,
    charges,
    taxes: taxes.summary(),
    totals: orderTotals(lines, charges),
    notes,
  };
}

/** Each line's price in order, or PRICE_NOT_FOUND naming every SKU that has none. */
function resolveLinePrices(inputs: OrderPricingInputs): LinePrice[] {
  const missing = new Set<string>();
  const prices = inputs.lines.map((line) => {
    const price = priceLine(inputs.rules.candidates(line), inputs.order, line);
    if (!price) missing.add(line.sku);
    return price;
  });
  if (missing.size > 0) throw priceNotFound([...missing], inputs.order);
  return prices as LinePrice[];
}

/** A line as the reply shows it. Absent facts are left undefined, which JSON leaves out. */
function lineView(index: number, line: PricedLine, facts: LineFacts, price: LinePrice, tax: AmountTax): PricedLineView {
  const list = facts.listPrice;
  const discountMinor = list ? (list.unitPriceMinor - line.unitPriceMinor) * line.quantity : 0;
  if (!Number.isSafeInteger(discountMinor)) {
    const field = `lines[${index}].discountMinor`;
    throw validationFailed([{ field, problems: [`${field} is beyond ${Number.MAX_SAFE_INTEGER}`] }]);
  }
  return {
    lineId: line.lineId,
    sku: line.sku,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    lineTotalMinor: line.lineTotalMinor,
    priceId: line.priceId,
    source: price.source,
    ruleCode: price.rule?.code,
    ruleVersion: price.rule?.version,
    breakFrom: price.breakFrom,
    listPriceMinor: list?.unitPriceMinor,
    discountMinor,
    category: facts.category,
    taxClass: facts.taxClass,
    taxMinor: tax.taxMinor,
    taxPercent: tax.rate && ppmToPercent(tax.rate.ppm),
    reason: price.reason,
  };
}

function freightCharges(
  inputs: OrderPricingInputs,
  merchandiseMinor: number,
  taxes: TaxCalculator,
  notes: string[],
): PricedChargeView[] {
  if (!inputs.includeFreight) {
    notes.push('freight left out on request');
    return [];
  }
  const rule = chooseFreightRule(inputs.freightRules, inputs.order);
  if (!rule) {
    notes.push('no freight rule applies: freight is not included');
    return [];
  }
  const freight = freightFor(rule, merchandiseMinor, inputs.lines, inputs.order.currency);
  return [
    chargeView(
      'FREIGHT',
      rule.code,
      rule.id,
      rule.description || 'Freight',
      freight.amountMinor,
      rule.taxClass,
      freight.reason,
      taxes,
    ),
  ];
}

function miscChargeView(charge: MiscCharge, taxes: TaxCalculator): PricedChargeView {
  const reason = charge.overridden
    ? `charge ${charge.code} as the request set it`
    : `charge ${charge.code} at its default amount`;
  return chargeView(
    'MISC',
    charge.code,
    charge.id,
    charge.description,
    charge.amountMinor,
    charge.taxClass,
    reason,
    taxes,
  );
}

function chargeView(
  kind: PricedChargeView['kind'],
  code: string,
  sourceId: string,
  description: string,
  amountMinor: number,
  taxClass: string | undefined,
  reason: string,
  taxes: TaxCalculator,
): PricedChargeView {
  const tax = taxes.tax(taxClass, amountMinor);
  return {
    kind,
    code,
    sourceId,
    description,
    amountMinor,
    ...(taxClass === undefined ? {} : { taxClass }),
    taxMinor: tax.taxMinor,
    ...(tax.rate ? { taxPercent: ppmToPercent(tax.rate.ppm), taxRateId: tax.rate.id } : {}),
    reason,
  };
}

/** Totals as exact sums of the lines and charges they total. */
export function orderTotals(lines: readonly PricedLineView[], charges: readonly PricedChargeView[]): OrderTotalsView {
  let linesMinor = 0;
  let discountMinor = 0;
  let chargesMinor = 0;
  let taxMinor = 0;
  for (const line of lines) {
    linesMinor = addSafe(linesMinor, line.lineTotalMinor, 'totals.linesMinor');
    discountMinor += line.discountMinor;
    taxMinor = addSafe(taxMinor, line.taxMinor, 'totals.taxMinor');
  }
  for (const charge of charges) {
    chargesMinor = addSafe(chargesMinor, charge.amountMinor, 'totals.chargesMinor');
    taxMinor = addSafe(taxMinor, charge.taxMinor, 'totals.taxMinor');
  }
  const grandTotalMinor = addSafe(
    addSafe(linesMinor, chargesMinor, 'totals.grandTotalMinor'),
    taxMinor,
    'totals.grandTotalMinor',
  );
  return { linesMinor, discountMinor, chargesMinor, taxMinor, grandTotalMinor };
}

function priceNotFound(skus: string[], order: OrderFacts): DomainError {
  const named = skus.slice(0, MISSING_SKUS_IN_MESSAGE).join(', ');
  const more = skus.length > MISSING_SKUS_IN_MESSAGE ? ` and ${skus.length - MISSING_SKUS_IN_MESSAGE} more` : '';
  return new DomainError('PRICE_NOT_FOUND', `No ${order.currency} price on ${order.asOf} for SKU ${named}${more}`, {
    skus,
    currency: order.currency,
    asOf: order.asOf,
  });
}
