import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  buildMessage,
  IsArray,
  IsDateString,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { CODE_PATTERN, SKU_PATTERN } from '../inventory/inventory.patterns.js';

/**
 * The input bounds every contract states. A value the database cannot hold, or JavaScript
 * cannot count exactly, is refused at the edge with VALIDATION_FAILED naming the field,
 * never passed on to fail deep inside a service. docs/api-conventions.md has the table.
 */

/** Largest value of a Postgres `integer` (int4) column. */
export const INT4_MAX = 2_147_483_647;

/** The most units one order line, receipt, adjustment, transfer, pick or return may name. */
export const MAX_QUANTITY = 10_000_000;

/** The most units of one component a kit holds. */
export const MAX_KIT_COMPONENT_QUANTITY = 100;

/**
 * The most units one stored line may come to: a kit line of MAX_QUANTITY kits fills a component
 * sub-line of up to this many. Requests between services about existing lines (reservations,
 * pick demand, picks, returns) take quantities up to it; it fits an int4 column with room to spare.
 */
export const MAX_LINE_UNITS = MAX_QUANTITY * MAX_KIT_COMPONENT_QUANTITY;

/**
 * The largest amount of money one field may carry, in minor units (10^13: 100 billion EUR).
 * Well inside 2^53, so sums and products of amounts stay exact or are refused, and inside
 * the bigint columns amounts are stored in.
 */
export const MAX_MINOR_UNITS = 10_000_000_000_000;

/** Weights are grams, up to 100 tonnes (int4 columns). */
export const MAX_WEIGHT_GRAMS = 100_000_000;

/** Sourcing priorities of sources and locations: lower is used first. */
export const MAX_PRIORITY = 10_000;

/** Lengths of free text, by what the text is. */
export const TextLimits = {
  /** Names of customers, items, products, locations, sources, batches, address recipients. */
  name: 200,
  /** Document references: customer PO, supplier document, bank reference, file order references. */
  reference: 100,
  /** Reasons, descriptions and notes. */
  note: 200,
  /** Address lines. */
  addressLine: 200,
  city: 100,
  region: 50,
  postalCode: 20,
  /** E-mail addresses (RFC 5321). */
  email: 254,
  /** Carrier names and container codes. */
  carrier: 50,
  trackingNumber: 100,
  /** Ids a caller chooses and gets echoed back (pricing line ids). */
  callerId: 100,
} as const;

/** Every piece of text: no NUL character (Postgres text cannot hold it). */
export const NO_NUL_PATTERN = /^[^\u0000]*$/;

function hasNoNul(value: unknown): boolean {
  return typeof value !== 'string' || !value.includes('\u0000');
}

/** Refuses a string holding a NUL character (`\u0000`), which no Postgres text column can store. */
export function NoNul(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noNul',
      validator: {
        validate: hasNoNul,
        defaultMessage: buildMessage((each) => `${each}$property must not contain NUL characters (\\u0000)`, options),
      },
    },
    options,
  );
}

function integerSchema(min: number, max: number) {
  return ApiProperty({
    type: 'integer',
    format: min >= -INT4_MAX - 1 && max <= INT4_MAX ? 'int32' : 'int64',
    minimum: min,
    maximum: max,
  });
}

function assertSafeBounds(min: number, max: number): void {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max)
    throw new Error(`IntIn(${min}, ${max}): bounds must be safe integers, min <= max`);
}

/**
 * A whole number from `min` to `max` (both safe integers, chosen to fit the field's column).
 * Floats, numbers beyond the range (2^31, 1e20, 2^53 + 1), strings and other types are refused.
 */
export function IntIn(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  assertSafeBounds(min, max);
  return applyDecorators(IsInt(options), Min(min, options), Max(max, options), integerSchema(min, max));
}

/** A query string holding only an optional minus and up to 16 digits becomes a number; anything else stays text. */
function queryInteger({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;
}

/**
 * A whole-number query parameter from `min` to `max`. Only plain digits are read as a number:
 * `1e20`, `0x10`, `1.5`, `abc` and an empty value stay text and are refused as not an integer.
 */
export function QueryIntIn(min: number, max: number): PropertyDecorator {
  assertSafeBounds(min, max);
  return applyDecorators(Transform(queryInteger), IsInt(), Min(min), Max(max), integerSchema(min, max));
}

/** A count of stock units: 1 to MAX_QUANTITY unless told otherwise. */
export function Quantity(bounds: { min?: number; max?: number } = {}): PropertyDecorator {
  return IntIn(bounds.min ?? 1, bounds.max ?? MAX_QUANTITY);
}

/** An amount of money in integer minor units: `min` (0 unless told) to MAX_MINOR_UNITS. */
export function MinorUnits(bounds: { min?: number } = {}): PropertyDecorator {
  return IntIn(bounds.min ?? 0, MAX_MINOR_UNITS);
}

/** A percentage from 0 to `max`, a finite number (how many decimals it may have is the service's rule). */
export function Percent(max: number): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(max),
    ApiProperty({ type: 'number', minimum: 0, maximum: max }),
  );
}

/** Free text of at most `max` characters (at least `min`, 0 unless told), without NUL. */
export function Text(max: number, bounds: { min?: number } = {}, options?: ValidationOptions): PropertyDecorator {
  const min = bounds.min ?? 0;
  return applyDecorators(
    IsString(options),
    ...(min > 0 ? [MinLength(min, options)] : []),
    MaxLength(max, options),
    NoNul(options),
    ApiProperty({
      type: String,
      maxLength: max,
      ...(min > 0 ? { minLength: min } : {}),
      pattern: NO_NUL_PATTERN.source,
    }),
  );
}

/**
 * Text that must match `pattern`, which bounds its length to `maxLength` (and, having no NUL
 * in its character classes, keeps NUL out). The OpenAPI schema states both.
 */
export function Matching(
  pattern: RegExp,
  maxLength: number,
  message: string,
  options?: Omit<ValidationOptions, 'message'>,
): PropertyDecorator {
  return applyDecorators(
    Matches(pattern, { ...options, message }),
    ApiProperty({ type: String, pattern: pattern.source, maxLength }),
  );
}

/** A code of 1-32 letters, digits, dot, dash or underscore: locations, sources, products, bins, classes. */
export function Code(what = 'code', options?: Omit<ValidationOptions, 'message'>): PropertyDecorator {
  return Matching(CODE_PATTERN, 32, `$property must be a valid ${what}`, options);
}

/** A SKU (ours or a supplier's) or another 64-character key: letters, digits, dot, dash or underscore. */
export function Sku(what = 'SKU', options?: Omit<ValidationOptions, 'message'>): PropertyDecorator {
  return Matching(SKU_PATTERN, 64, `$property must be a valid ${what}`, options);
}

/** A UUID (any version), as every id the system makes is. */
export function Uuid(options?: Omit<ValidationOptions, 'message'>): PropertyDecorator {
  return applyDecorators(
    IsUUID('all', { ...options, message: options?.each ? '$property must be UUIDs' : '$property must be a UUID' }),
    ApiProperty(
      options?.each
        ? { type: 'array', items: { type: 'string', format: 'uuid' } }
        : { type: String, format: 'uuid', maxLength: 36 },
    ),
  );
}

/** A calendar date, `YYYY-MM-DD` or an ISO 8601 date-time; impossible dates (2026-02-30) are refused. */
export function IsoDate(message = '$property must be an ISO date'): PropertyDecorator {
  return applyDecorators(
    IsDateString({ strict: true }, { message }),
    ApiProperty({ type: String, format: 'date', maxLength: 35 }),
  );
}

/** An instant as an ISO 8601 date-time (or date); impossible dates are refused. */
export function IsoDateTime(message = '$property must be an ISO 8601 date-time'): PropertyDecorator {
  return applyDecorators(
    IsDateString({ strict: true }, { message }),
    ApiProperty({ type: String, format: 'date-time', maxLength: 35 }),
  );
}

/** One nested object, validated as `type` (an array, a string or a number is refused). */
export function Nested(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
    ApiProperty({ type: () => type() }),
  );
}

/**
 * A list of `min` (0 unless told) to `max` nested objects, each validated as `type`: each item
 * must be an object (not an array, which would otherwise be validated item by item as if it were
 * the list).
 */
export function NestedList(
  type: () => new () => object,
  bounds: { max: number; min?: number; message?: string },
): PropertyDecorator {
  const min = bounds.min ?? 0;
  return applyDecorators(
    IsArray({ message: '$property must be an array' }),
    ...(min > 0 ? [ArrayMinSize(min, bounds.message ? { message: bounds.message } : undefined)] : []),
    ArrayMaxSize(bounds.max),
    IsObject({ each: true, message: 'each item of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
    ApiProperty({ type: () => [type()], maxItems: bounds.max, ...(min > 0 ? { minItems: min } : {}) }),
  );
}

/** A list of `min` (0 unless told) to `max` values, each checked by the decorators that carry `each: true`. */
export function ListOf(bounds: { max: number; min?: number }): PropertyDecorator {
  const min = bounds.min ?? 0;
  return applyDecorators(
    IsArray({ message: '$property must be an array' }),
    ...(min > 0 ? [ArrayMinSize(min)] : []),
    ArrayMaxSize(bounds.max),
    ApiProperty({ maxItems: bounds.max, ...(min > 0 ? { minItems: min } : {}) }),
  );
}
