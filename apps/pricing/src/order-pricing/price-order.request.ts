import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CODE_PATTERN,
  type FieldError,
  MAX_PRICE_LINES,
  PriceOrderOptions,
  type PriceOrderRequest,
  SKU_PATTERN,
} from '#contracts';
import { toFieldErrors, validationFailed } from '#platform';

const LINE_FIELDS = new Set(['lineId', 'sku', 'quantity', 'shipFromLocation']);

/**
 * Reads and checks a pricing request. The options are checked by their class-validator
 * decorators like every other payload; the lines, which may number 10,000, by hand: the
 * same rules (those of PriceLineRequest) and the same messages, at a fraction of the cost
 * (class-validator spends 20-50 µs on each line, which for 5,000 lines is most of the time
 * a pricing request may take). A spec keeps the two in step.
 */
export function readPriceOrderRequest(payload: unknown): PriceOrderRequest {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw validationFailed([{ field: 'request', problems: ['a pricing request must be an object'] }]);
  }
  const { lines, ...rest } = payload as Record<string, unknown>;
  const options = plainToInstance(PriceOrderOptions, rest);
  const errors = [
    ...toFieldErrors(
      validateSync(options, {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: false },
      }),
    ),
    ...lineErrors(lines),
  ];
  if (errors.length > 0) throw validationFailed(errors);
  return { ...options, lines: lines as PriceOrderRequest['lines'] };
}

/** What is wrong with the lines, as class-validator would name it. */
export function lineErrors(lines: unknown): FieldError[] {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_PRICE_LINES) {
    return [{ field: 'lines', problems: [`lines must be an array of 1 to ${MAX_PRICE_LINES} lines`] }];
  }
  const errors: FieldError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line: unknown = lines[i];
    if (typeof line !== 'object' || line === null) {
      errors.push({
        field: `lines[${i}]`,
        problems: ['each value in nested property lines must be either object or array'],
      });
    } else if (!isGoodLine(line as Record<string, unknown>)) {
      errors.push(...lineProblems(line as Record<string, unknown>, `lines[${i}]`));
    }
  }
  return errors;
}

/** The fast check every line of a good request passes. */
function isGoodLine(line: Record<string, unknown>): boolean {
  const { lineId, sku, quantity, shipFromLocation } = line;
  for (const key in line) if (!LINE_FIELDS.has(key)) return false;
  return (
    typeof lineId === 'string' &&
    typeof sku === 'string' &&
    SKU_PATTERN.test(sku) &&
    Number.isInteger(quantity) &&
    (quantity as number) >= 1 &&
    (shipFromLocation === undefined ||
      shipFromLocation === null ||
      (typeof shipFromLocation === 'string' && CODE_PATTERN.test(shipFromLocation)))
  );
}

function lineProblems(line: Record<string, unknown>, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const problem = (field: string, problems: string[]) => {
    if (problems.length > 0) errors.push({ field: `${at}.${field}`, problems });
  };
  for (const key of Object.keys(line)) if (!LINE_FIELDS.has(key)) problem(key, [`property ${key} should not exist`]);
  const { lineId, sku, quantity, shipFromLocation } = line;
  problem('lineId', typeof lineId === 'string' ? [] : ['lineId must be a string']);
  problem('sku', typeof sku === 'string' && SKU_PATTERN.test(sku) ? [] : ['sku must be a valid SKU']);
  const tooSmall = !(typeof quantity === 'number' && quantity >= 1);
  problem('quantity', [
    ...(tooSmall ? ['quantity must not be less than 1'] : []),
    ...(Number.isInteger(quantity) ? [] : ['quantity must be an integer number']),
  ]);
  const location =
    shipFromLocation === undefined ||
    shipFromLocation === null ||
    (typeof shipFromLocation === 'string' && CODE_PATTERN.test(shipFromLocation));
  problem('shipFromLocation', location ? [] : ['shipFromLocation must be a valid location code']);
  return errors;
}
