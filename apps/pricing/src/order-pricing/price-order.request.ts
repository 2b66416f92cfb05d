import { plainToInstance } from 'class-transformer';
import { maxLength, validateSync, type ValidatorOptions } from 'class-validator';
import {
  CODE_PATTERN,
  type FieldError,
  MAX_PRICE_LINES,
  MAX_QUANTITY,
  PriceOrderOptions,
  PriceOrderRequest,
  SKU_PATTERN,
  TextLimits,
} from '#contracts';
import { toFieldErrors, validationFailed } from '#platform';

const LINE_FIELDS = new Set(['lineId', 'sku', 'quantity', 'shipFromLocation']);
const STRICT: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  validationError: { target: false, value: false },
};

/**
 * Reads and checks a pricing request. The options are checked by their class-validator
 * decorators like every other payload; the lines, which may number 10,000, by a fast check
 * of the same rules (those of PriceLineRequest): class-validator spends 20-50 µs on each
 * line, which for 5,000 lines is most of the time a pricing request may take. A request with
 * a bad line is judged by the decorators in full, so its problems are exactly theirs; a spec
 * keeps the fast check in step with them.
 */
export function readPriceOrderRequest(payload: unknown): PriceOrderRequest {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw validationFailed([{ field: 'request', problems: ['a pricing request must be an object'] }]);
  }
  const { lines, ...rest } = payload as Record<string, unknown>;
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_PRICE_LINES) {
    const options = toFieldErrors(validateSync(plainToInstance(PriceOrderOptions, rest), STRICT));
    throw validationFailed([
      ...options,
      { field: 'lines', problems: [`lines must be an array of 1 to ${MAX_PRICE_LINES} lines`] },
    ]);
  }
  if (!lines.every(isGoodLine)) {
    const all = toFieldErrors(validateSync(plainToInstance(PriceOrderRequest, payload), STRICT));
    const ofLines = (e: FieldError) => e.field === 'lines' || e.field.startsWith('lines[');
    throw validationFailed([...all.filter((e) => !ofLines(e)), ...all.filter(ofLines)]);
  }
  const options = plainToInstance(PriceOrderOptions, rest);
  const errors: FieldError[] = toFieldErrors(validateSync(options, STRICT));
  if (errors.length > 0) throw validationFailed(errors);
  return { ...options, lines: lines as PriceOrderRequest['lines'] };
}

/** The fast check every line of a good request passes: PriceLineRequest's rules, by hand. */
function isGoodLine(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const line = value as Record<string, unknown>;
  for (const key in line) if (!LINE_FIELDS.has(key)) return false;
  const { lineId, sku, quantity, shipFromLocation } = line;
  return (
    typeof lineId === 'string' &&
    maxLength(lineId, TextLimits.callerId) &&
    !lineId.includes('\u0000') &&
    typeof sku === 'string' &&
    SKU_PATTERN.test(sku) &&
    Number.isInteger(quantity) &&
    (quantity as number) >= 1 &&
    (quantity as number) <= MAX_QUANTITY &&
    (shipFromLocation === undefined ||
      shipFromLocation === null ||
      (typeof shipFromLocation === 'string' && CODE_PATTERN.test(shipFromLocation)))
  );
}
