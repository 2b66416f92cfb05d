import {
  type BreakBasis,
  type FieldError,
  MAX_MARKUP_PERCENT,
  MAX_MINOR_UNITS,
  MAX_QUANTITY,
  type RuleMethod,
} from '#contracts';
import { PPM_PER_PERCENT, percentToPpm, ppmToPercent } from '../engine/money-math.js';
import type { RuleBreak } from '../engine/pricing-model.js';

export interface RuleBreakInputLike {
  from: number;
  unitPriceMinor?: number;
  percent?: number;
}

/**
 * The breaks of a rule from `breaks`, or from a single `unitPriceMinor` / `percent` (one
 * break from quantity 1, or amount 0). Problems are added to `errors`, naming the field.
 */
export function breaksFromInput(
  input: { breaks?: RuleBreakInputLike[]; unitPriceMinor?: number; percent?: number },
  method: RuleMethod,
  basis: BreakBasis,
  errors: FieldError[],
): RuleBreak[] | undefined {
  const single = input.unitPriceMinor !== undefined || input.percent !== undefined;
  if (input.breaks !== undefined && single) {
    errors.push({ field: 'breaks', problems: ['give either breaks or a single unitPriceMinor / percent, not both'] });
    return undefined;
  }
  const before = errors.length;
  const items = input.breaks ?? [
    { from: basis === 'QUANTITY' ? 1 : 0, unitPriceMinor: input.unitPriceMinor, percent: input.percent },
  ];
  const prefix = (index: number) => (input.breaks === undefined ? '' : `breaks[${index}].`);
  if (items.length === 0) errors.push({ field: 'breaks', problems: ['breaks must not be empty'] });
  const breaks = items.map((item, index) => breakFrom(item, method, basis, prefix(index), errors));
  for (let i = 1; i < breaks.length; i++) {
    if (breaks[i].from <= breaks[i - 1].from) {
      errors.push({
        field: `breaks[${i}].from`,
        problems: [`breaks must ascend: from ${breaks[i].from} is not above ${breaks[i - 1].from}`],
      });
    }
  }
  return errors.length === before ? breaks : undefined;
}

function breakFrom(
  item: RuleBreakInputLike,
  method: RuleMethod,
  basis: BreakBasis,
  prefix: string,
  errors: FieldError[],
): RuleBreak {
  const problem = (field: string, text: string) => errors.push({ field: `${prefix}${field}`, problems: [text] });
  const [least, most] = basis === 'QUANTITY' ? [1, MAX_QUANTITY] : [0, MAX_MINOR_UNITS];
  if (!Number.isSafeInteger(item.from) || item.from < least || item.from > most) {
    problem(
      'from',
      `from must be a whole ${basis === 'QUANTITY' ? 'quantity' : 'amount in minor units'} from ${least} to ${most}`,
    );
  }
  return { from: item.from, value: breakValue(item, method, (field, text) => problem(field, text)) };
}

function breakValue(
  item: RuleBreakInputLike,
  method: RuleMethod,
  problem: (field: string, text: string) => void,
): number {
  if (method === 'PRICE') {
    if (item.percent !== undefined)
      problem('percent', 'percent applies only to DISCOUNT and MARKUP rules; a PRICE rule takes unitPriceMinor');
    if (item.unitPriceMinor === undefined) problem('unitPriceMinor', 'unitPriceMinor is required for a PRICE rule');
    else if (!Number.isSafeInteger(item.unitPriceMinor) || item.unitPriceMinor < 0) {
      problem('unitPriceMinor', 'unitPriceMinor must be a whole number of minor units, 0 or more (no negative prices)');
    } else if (item.unitPriceMinor > MAX_MINOR_UNITS) {
      problem('unitPriceMinor', `unitPriceMinor must be at most ${MAX_MINOR_UNITS} minor units`);
    }
    return item.unitPriceMinor ?? 0;
  }
  if (item.unitPriceMinor !== undefined)
    problem('unitPriceMinor', `unitPriceMinor applies only to PRICE rules; a ${method} rule takes percent`);
  if (item.percent === undefined) {
    problem('percent', `percent is required for a ${method} rule`);
    return 0;
  }
  const ppm = percentToPpm(item.percent);
  const max = method === 'DISCOUNT' ? 100 : MAX_MARKUP_PERCENT;
  if (ppm === undefined) problem('percent', 'percent must be a number with at most 4 decimals');
  else if (ppm < 0) problem('percent', 'percent must not be negative');
  else if (ppm > max * PPM_PER_PERCENT) {
    problem(
      'percent',
      method === 'DISCOUNT'
        ? `a discount cannot be over 100% (got ${item.percent}%)`
        : `a markup must be at most ${max}%`,
    );
  }
  return ppm ?? 0;
}

/** Breaks as the API shows them. */
export function breaksToView(
  method: RuleMethod,
  breaks: readonly RuleBreak[],
): Array<{ from: number; unitPriceMinor?: number; percent?: number }> {
  return breaks.map((b) =>
    method === 'PRICE' ? { from: b.from, unitPriceMinor: b.value } : { from: b.from, percent: ppmToPercent(b.value) },
  );
}
