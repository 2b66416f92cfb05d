import fc from 'fast-check';
import type { Pools } from './openapi-schema.js';

/**
 * The wrong values the fuzz sends: hostile values of any kind, wrong values by the type of the
 * right one, mutations of one place in a valid body (replace, nest, remove, add a field), bad
 * query and path values, malformed bodies and CSV files with hostile cells.
 */

type Arb = fc.Arbitrary<unknown>;

/** Values that no schema of this API accepts where they land, or that stress what does accept them. */
function hostileValue(): Arb {
  return fc.oneof(
    fc.constantFrom(
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 53,
      2 ** 53 + 2,
      1e20,
      -1e20,
      1e300,
      -1,
      0,
      1.5,
      -0.5,
      10_000_000_000_001,
      Number.MAX_SAFE_INTEGER,
    ),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom('', ' ', 'abc', '1e20', '-1', '1.5', '0x10', 'null', 'true', '{}', '[]', '\u0000', 'a\u0000b'),
    fc.constantFrom('\ud800', '\uffff', '😀'.repeat(3), '%00', "'; DROP TABLE x; --", '../../etc/passwd'),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.nat({ max: 3 }).map((k) => ['x', 'é', '\u0000', '😀'][k].repeat([201, 1_001, 70_000, 300][k])),
    fc.constantFrom(null, true, false, {}, [], [[]], { a: { b: { c: {} } } }, [1, 'a', null]),
  );
}

/** Every place in a JSON value: the path to it (empty for the value itself). */
function places(value: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => places(item, [...path, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) places(item, [...path, key], out);
  return out;
}

function replaceAt(value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replaceAt(item, rest, replacement) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaceAt(record[head], rest, replacement) };
}

function removeAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (Array.isArray(value)) return value.filter((_, i) => i !== head);
    const { [head]: _gone, ...kept } = value as Record<string, unknown>;
    return kept;
  }
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? removeAt(item, rest) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: removeAt(record[head], rest) };
}

/** Wrong values by what the right one is: a number past its range, text that cannot be stored, another shape. */
const HOSTILE_BY_TYPE: Record<string, readonly unknown[]> = {
  number: [
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    1e20,
    -1e20,
    1e300,
    -1,
    0,
    1.5,
    0.1,
    10_000_000_000_001,
    '5',
    null,
    true,
  ],
  string: ['x'.repeat(5000), 'a\u0000b', '\u0000', '', ' ', '😀'.repeat(300), 5, null, {}, ['a'], '\ud800'],
  boolean: ['true', 1, 0, null, {}],
  object: [[], [{}], 'x', 5, null, { value: {} }],
  array: [{}, [[]], [null], ['x'], 'x', 5, null],
};

function typeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'object' : typeof value;
}

export type Mutation =
  | { kind: 'typed'; at: number; pick: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'nest'; at: number; value: (v: unknown) => unknown }
  | { kind: 'remove'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown };

export function mutationArb(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('typed' as const), at: fc.nat(), pick: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('nest' as const),
        at: fc.nat(),
        value: fc.constantFrom(
          (v: unknown) => [v],
          (v: unknown) => ({ value: v }),
          (v: unknown) => [[v]],
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        at: fc.nat(),
        key: fc.constantFrom('extra', '__proto__', 'constructor', 'a\u0000b', 'id', ''),
        value: hostileValue(),
      }),
    },
  );
}

export function applyMutation(value: unknown, mutation: Mutation): unknown {
  const all = places(value);
  const path = all[mutation.at % all.length];
  switch (mutation.kind) {
    case 'typed': {
      const current = path.reduce<unknown>((v, k) => (v as never)[k], value);
      const hostile = HOSTILE_BY_TYPE[typeOf(current)] ?? HOSTILE_BY_TYPE.object;
      return replaceAt(value, path, hostile[mutation.pick % hostile.length]);
    }
    case 'replace':
      return replaceAt(value, path, mutation.value);
    case 'nest':
      return replaceAt(value, path, mutation.value(path.reduce<unknown>((v, k) => (v as never)[k], value)));
    case 'remove':
      return removeAt(value, path);
    case 'extra': {
      const objects = all.filter((p) => {
        const at = p.reduce<unknown>((v, k) => (v as never)[k], value);
        return typeof at === 'object' && at !== null && !Array.isArray(at);
      });
      if (objects.length === 0) return value;
      const target = objects[mutation.at % objects.length];
      const holder = target.reduce<unknown>((v, k) => (v as never)[k], value) as Record<string, unknown>;
      const widened: Record<string, unknown> = { ...holder };
      Object.defineProperty(widened, mutation.key, { value: mutation.value, enumerable: true, writable: true });
      return replaceAt(value, target, widened);
    }
  }
}

export const BAD_QUERY_VALUES = [
  '1e20',
  '-1',
  'abc',
  '1.5',
  '0x10',
  '',
  '99999999999999999999',
  '2147483648',
  '9007199254740993',
  '\u0000',
  'a\u0000',
  'x'.repeat(5000),
  'true',
  '2026-02-30',
  '[]',
];

export const HOSTILE_PATH_VALUES = [
  '\u0000',
  'a\u0000b',
  'x'.repeat(3000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '..',
  '%',
  ' ',
  '😀',
  '1e20',
  '-1',
];

export const JUNK_QUERIES = ['extra=1', 'limit[]=1', 'a%00=1', '%00', 'offset=1&offset=2', `x=${'y'.repeat(3000)}`];
export const MALFORMED_BODIES = [
  { body: '{"a":', type: 'application/json' },
  { body: 'null', type: 'application/json' },
  { body: '[]', type: 'application/json' },
  { body: '"text"', type: 'application/json' },
  { body: '{"a":1}', type: 'text/plain' },
  { body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, type: 'application/json' },
  { body: '{"__proto__":{"polluted":true}}', type: 'application/json' },
];

/** A CSV file for an import route: its columns (some rows mangled, some cells hostile). */
export function csvFile(columns: readonly string[], pools: Pools): fc.Arbitrary<string> {
  const cell = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...Object.values(pools).flat(), '1', '2', '10', 'EUR', 'PRICE', '') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('1e20', '2147483648', '-1', '1.5', '\u0000', 'a\u0000b', 'x'.repeat(300), '"', '\r\n'),
    },
  );
  const row = fc.array(cell, { minLength: columns.length - 1, maxLength: columns.length + 1 });
  return fc
    .tuple(fc.subarray([...columns], { minLength: 1 }), fc.array(row, { maxLength: 6 }), fc.boolean())
    .map(([header, rows, bom]) => {
      const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\n');
      return bom ? `\uFEFF${text}` : text;
    });
}

export const FILE_COLUMNS: Record<string, readonly string[]> = {
  orders: ['order_ref', 'customer_id', 'sku', 'quantity', 'ship_from', 'source', 'priority'],
  rules: ['code', 'description', 'currency', 'customerId', 'sku', 'method', 'breakFrom', 'unitPriceMinor', 'percent'],
};
