import { validationFailed } from '#platform';

/** One order line to price. */
export interface LineToPrice {
  lineId: string;
  sku: string;
  quantity: number;
}

/** The unit price that applies to a line, and the rule or price record it came from. */
export interface UnitPrice {
  priceId: string;
  unitPriceMinor: number;
}

export interface PricedLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  priceId: string;
}

export interface PricedLines {
  lines: PricedLine[];
  totalMinor: number;
}

/**
 * Multiplies out each line and sums the order, all in integer minor units.
 *
 * Rounding: none happens here. Unit prices are whole minor units (a rule that divides
 * rounds the unit price half-up before it gets here) and quantities whole stock units, so
 * every line total and the order total are exact integers. What JavaScript cannot
 * represent exactly (beyond Number.MAX_SAFE_INTEGER) is refused with VALIDATION_FAILED
 * naming the line, never silently rounded.
 *
 * `priceOf` must know every line's price; the caller reports missing prices first.
 */
export function priceLines<L extends LineToPrice>(
  lines: readonly L[],
  priceOf: (line: L, index: number) => UnitPrice | undefined,
): PricedLines {
  let totalMinor = 0;
  const priced = lines.map((line, index): PricedLine => {
    const price = priceOf(line, index);
    if (!price) throw new Error(`priceLines: no unit price for SKU ${line.sku}`);
    assertSafeMinor(line.quantity, `lines[${index}].quantity`);
    assertSafeMinor(price.unitPriceMinor, `lines[${index}].unitPriceMinor`);
    const lineTotalMinor = price.unitPriceMinor * line.quantity;
    assertSafeMinor(lineTotalMinor, `lines[${index}].lineTotalMinor`);
    totalMinor = addSafe(totalMinor, lineTotalMinor, 'totalMinor');
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

/** `total + amount`, refused with VALIDATION_FAILED naming `field` when it is no longer a safe integer. */
export function addSafe(total: number, amount: number, field: string): number {
  const sum = total + amount;
  assertSafeMinor(sum, field);
  return sum;
}

/** Refuses an amount or count that is not a non-negative safe integer. */
export function assertSafeMinor(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw validationFailed([
      { field, problems: [`${field} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`] },
    ]);
  }
}
