import type { PricedLineView } from '#contracts';
import { validationFailed } from '#platform';

/** One order line to price. */
export interface LineToPrice {
  lineId: string;
  sku: string;
  quantity: number;
}

/** The unit price that applies to a SKU, and the price record it came from. */
export interface UnitPrice {
  priceId: string;
  unitPriceMinor: number;
}

export interface PricedLines {
  lines: PricedLineView[];
  totalMinor: number;
}

/**
 * Multiplies out each line and sums the order, all in integer minor units.
 *
 * Rounding: none happens here. Unit prices are whole minor units and quantities whole
 * stock units, so every line total and the order total are exact integers; any rule that
 * divides (percentage discounts, taxes) must round to minor units before it reaches this
 * function. What JavaScript cannot represent exactly (beyond Number.MAX_SAFE_INTEGER) is
 * refused with VALIDATION_FAILED naming the line, never silently rounded.
 *
 * Every line's SKU must be in `prices`; the caller reports missing prices first.
 */
export function priceLines(lines: readonly LineToPrice[], prices: ReadonlyMap<string, UnitPrice>): PricedLines {
  let totalMinor = 0;
  const priced = lines.map((line, index): PricedLineView => {
    const price = prices.get(line.sku);
    if (!price) throw new Error(`priceLines: no unit price for SKU ${line.sku}`);
    assertSafeMinor(line.quantity, `lines[${index}].quantity`);
    assertSafeMinor(price.unitPriceMinor, `lines[${index}].unitPriceMinor`);
    const lineTotalMinor = price.unitPriceMinor * line.quantity;
    assertSafeMinor(lineTotalMinor, `lines[${index}].lineTotalMinor`);
    totalMinor += lineTotalMinor;
    assertSafeMinor(totalMinor, 'totalMinor');
    return {
      lineId: line.lineId,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceMinor: price.unitPriceMinor,
      lineTotalMinor,
      priceId: price.priceId,
    };
  });
  return { lines: priced, totalMinor };
}

/** Refuses an amount or count that is not a non-negative safe integer. */
export function assertSafeMinor(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw validationFailed([{ field, problems: [`${field} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`] }]);
  }
}
