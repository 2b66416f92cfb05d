import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsOptional, validateSync, type ValidationError } from 'class-validator';
import * as contracts from '../index.js';
import {
  Code,
  INT4_MAX,
  IntIn,
  IsoDate,
  MAX_MINOR_UNITS,
  MAX_QUANTITY,
  MinorUnits,
  Nested,
  NestedList,
  QueryIntIn,
  Quantity,
  Sku,
  Text,
  Uuid,
} from './bounds.js';

class Inner {
  @Quantity() quantity: number;
}

class Sample {
  @IsOptional() @Quantity() quantity?: number;
  @IsOptional() @MinorUnits() amountMinor?: number;
  @IsOptional() @IntIn(-5, 5) delta?: number;
  @IsOptional() @QueryIntIn(0, 1000) offset?: number;
  @IsOptional() @Text(10, { min: 1 }) name?: string;
  @IsOptional() @Code('location code') location?: string;
  @IsOptional() @Sku() sku?: string;
  @IsOptional() @Uuid() id?: string;
  @IsOptional() @IsoDate() on?: string;
  @IsOptional() @Nested(() => Inner) inner?: Inner;
  @IsOptional() @NestedList(() => Inner, { min: 1, max: 3 }) lines?: Inner[];
}

/** Field → problems for `plain` read as a Sample; {} when it passes. */
function problems(plain: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (errors: ValidationError[], prefix: string) => {
    for (const e of errors) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) out[field] = Object.values(e.constraints);
      walk(e.children ?? [], field);
    }
  };
  walk(validateSync(plainToInstance(Sample, plain), { whitelist: true, forbidNonWhitelisted: true }), '');
  return out;
}

const fields = (plain: Record<string, unknown>) => Object.keys(problems(plain));

describe('bounds decorators', () => {
  it('pass values at their bounds', () => {
    expect(
      problems({
        quantity: MAX_QUANTITY,
        amountMinor: MAX_MINOR_UNITS,
        delta: -5,
        offset: '1000',
        name: 'x'.repeat(10),
        location: 'W'.repeat(32),
        sku: 'S'.repeat(64),
        id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        on: '2028-02-29',
        inner: { quantity: 1 },
        lines: [{ quantity: 1 }, { quantity: 2 }, { quantity: 3 }],
      }),
    ).toEqual({});
  });

  it.each([
    ['a quantity of 2^31 (past an int4 column)', { quantity: 2 ** 31 }, 'quantity must not be greater than 10000000'],
    ['a quantity of 0', { quantity: 0 }, 'quantity must not be less than 1'],
    ['a fractional quantity', { quantity: 1.5 }, 'quantity must be an integer number'],
    ['a quantity as text', { quantity: '5' }, 'quantity must be an integer number'],
    ['an unsafe integer amount', { amountMinor: 2 ** 53 + 2 }, 'amountMinor must not be greater than 10000000000000'],
    ['a negative amount', { amountMinor: -1 }, 'amountMinor must not be less than 0'],
    ['an amount of 1e300', { amountMinor: 1e300 }, 'amountMinor must not be greater than 10000000000000'],
    ['a signed value out of range', { delta: 6 }, 'delta must not be greater than 5'],
    ['text too long', { name: 'x'.repeat(11) }, 'name must be shorter than or equal to 10 characters'],
    ['empty text where some is required', { name: '' }, 'name must be longer than or equal to 1 characters'],
    ['a NUL in text', { name: 'a\u0000b' }, 'name must not contain NUL characters (\\u0000)'],
    ['a number where text is expected', { name: 5 }, 'name must be a string'],
    ['a code with a space', { location: 'W 1' }, 'location must be a valid location code'],
    ['a code too long', { location: 'W'.repeat(33) }, 'location must be a valid location code'],
    ['a SKU with a NUL', { sku: 'S\u0000' }, 'sku must be a valid SKU'],
    ['an id that is no UUID', { id: 'C-000001' }, 'id must be a UUID'],
    ['an impossible date', { on: '2026-02-30' }, 'on must be an ISO date'],
  ])('refuse %s', (_, plain, problem) => {
    expect(Object.values(problems(plain)).flat()).toContain(problem);
  });

  it('read a query integer only from plain digits', () => {
    expect(fields({ offset: '0' })).toEqual([]);
    for (const offset of ['1e20', '-1', 'abc', '1.5', '0x10', '', ' 5', '1001', '99999999999999999999'])
      expect([offset, fields({ offset })]).toEqual([offset, ['offset']]);
  });

  it('validate nested objects and refuse lists of lists, other types and too many items', () => {
    expect(problems({ inner: { quantity: 0 } })).toEqual({ 'inner.quantity': ['quantity must not be less than 1'] });
    expect(fields({ inner: [{ quantity: 1 }] })).toEqual(['inner']);
    expect(fields({ inner: 'x' })).toEqual(['inner']);
    expect(fields({ inner: { quantity: 1, extra: { deeper: true } } })).toEqual(['inner.extra']);
    expect(fields({ lines: [[{ quantity: 1 }]] })).toContain('lines');
    expect(fields({ lines: [] })).toEqual(['lines']);
    expect(fields({ lines: [{ quantity: 1 }, { quantity: 1 }, { quantity: 1 }, { quantity: 1 }] })).toEqual(['lines']);
    expect(fields({ lines: { quantity: 1 } })).toContain('lines');
    expect(problems({ lines: [{ quantity: 1 }, { quantity: 2 ** 31 }] })).toEqual({
      'lines.1.quantity': ['quantity must not be greater than 10000000'],
    });
  });

  it('state their bounds in the OpenAPI schema', () => {
    const schema = (key: string): unknown => Reflect.getMetadata('swagger/apiModelProperties', Sample.prototype, key);
    expect(schema('quantity')).toMatchObject({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_QUANTITY });
    expect(schema('amountMinor')).toMatchObject({ type: 'integer', format: 'int64', maximum: MAX_MINOR_UNITS });
    expect(schema('name')).toMatchObject({ maxLength: 10, minLength: 1, pattern: '^[^\\u0000]*$' });
    expect(schema('location')).toMatchObject({ maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$' });
    expect(schema('id')).toMatchObject({ format: 'uuid' });
    expect(schema('lines')).toMatchObject({ maxItems: 3, minItems: 1 });
  });
});

/**
 * The policy over every request class in contracts: each validated number has both bounds
 * (safe integers), each free text a length bound and the NUL rule, each list a size bound, and
 * each nested value must be an object.
 */
describe('every contract class', () => {
  const storage = getMetadataStorage();
  const classes = Object.entries(contracts).filter(
    (entry): entry is [string, new () => object] =>
      typeof entry[1] === 'function' && storage.getTargetValidationMetadatas(entry[1], '', true, false).length > 0,
  );
  const BOUNDED_TEXT = ['matches', 'isUuid', 'isIn', 'isDateString', 'isIso8601', 'isBoolean', 'isEnum'];
  /** A whole file's text: its reader names the row and column of each NUL and each bad value. */
  const READ_BY_ROWS = new Set(['ImportBatchCsvRequest.csv']);

  it('is found', () => {
    expect(classes.length).toBeGreaterThan(80);
  });

  it.each(classes)('%s states the bounds of every field', (_, cls) => {
    const byField = new Map<string, Array<{ name: string; constraints: unknown[]; each: boolean }>>();
    for (const m of storage.getTargetValidationMetadatas(cls, '', true, false)) {
      const name = m.type === 'nestedValidation' ? 'nested' : (m.name ?? m.type);
      byField.set(m.propertyName, [
        ...(byField.get(m.propertyName) ?? []),
        { name, constraints: m.constraints ?? [], each: m.each ?? false },
      ]);
    }
    const missing: string[] = [];
    for (const [field, rules] of byField) {
      const has = (name: string, each?: boolean) =>
        rules.some((r) => r.name === name && (each === undefined || r.each === each));
      const bound = (name: string) => rules.find((r) => r.name === name)?.constraints[0] as number | undefined;
      if (has('isInt') || has('isNumber')) {
        const [min, max] = [bound('min'), bound('max')];
        if (min === undefined || max === undefined) missing.push(`${field}: a number without both bounds`);
        else if (has('isInt') && !(Number.isSafeInteger(min) && Number.isSafeInteger(max)))
          missing.push(`${field}: integer bounds that are not safe integers`);
      }
      if (has('isString', false) && !(has('maxLength') && (has('noNul') || READ_BY_ROWS.has(`${cls.name}.${field}`))))
        missing.push(`${field}: text without a length bound and the NUL rule`);
      const isList = has('isArray') || rules.some((r) => r.each) || has('arrayMinSize');
      if (isList && !has('arrayMaxSize')) missing.push(`${field}: a list without a size bound`);
      if (has('nested') && !has('isObject')) missing.push(`${field}: nested values not required to be objects`);
      const typed = has('isString') || has('isInt') || has('isNumber') || has('nested') || has('isObject');
      if (!typed && !rules.some((r) => BOUNDED_TEXT.includes(r.name)) && !has('isBase64'))
        missing.push(`${field}: no type rule (${rules.map((r) => r.name).join(', ')})`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps integer bounds inside the int4 columns for quantities', () => {
    const quantityFields = classes.flatMap(([name, cls]) =>
      storage
        .getTargetValidationMetadatas(cls, '', true, false)
        .filter((m) => m.name === 'max' && /quantity$/i.test(m.propertyName))
        .map((m) => [name, m.propertyName, m.constraints[0] as number] as const),
    );
    expect(quantityFields.length).toBeGreaterThan(10);
    for (const [name, field, max] of quantityFields)
      expect([name, field, max <= INT4_MAX]).toEqual([name, field, true]);
  });
});
