import fc from 'fast-check';
import { INT4_MAX, MAX_MINOR_UNITS } from '#contracts';

/**
 * Generators of values a field must refuse, by the kind of field, and the checks of what the
 * API answers: a 400 VALIDATION_FAILED naming the field. Used by the bad-input property tests.
 * `null` is not among them: for an optional field it means "not given" (or "clear it").
 */
export type FieldKind =
  | { int: readonly [number, number] }
  | { money: number }
  | { text: number; min?: number }
  | 'code'
  | 'sku'
  | 'uuid'
  | 'date'
  | 'bool'
  | 'object'
  | 'list';

export interface FieldSpec {
  /** Where the value sits in the body: `lines[0].quantity`. */
  path: string;
  kind: FieldKind;
}

const wrongTypes = fc.constantFrom<unknown>(true, {}, [], [1], { $gt: 1 }, 'abc');
const NUL_TEXT = fc.constantFrom('\u0000', 'a\u0000b', 'ok\u0000', `${'x'.repeat(10)}\u0000`);

/** Values outside [min, max] or not integers at all: past int4, past 2^53, fractions, text, other types. */
function badInt(min: number, max: number): fc.Arbitrary<unknown> {
  const beyond = [max + 1, min - 1, 2 ** 31, INT4_MAX + 1, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e20, -1e20, 1e300];
  return fc.oneof(
    fc.constantFrom(...beyond.filter((v) => v < min || v > max)),
    fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 }),
    fc.double({ min: min + 0.001, max: Math.min(max, 1e6) - 0.001, noNaN: true }).filter((d) => !Number.isInteger(d)),
    fc.constantFrom(1.5, 0.1, -0.5),
    fc.constantFrom('1', '5', '1e3', '0x10'),
    wrongTypes,
  );
}

/** Text that is too long, holds a NUL, or is no text. */
function badText(max: number, min = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: max + 1, max: max + 200 }).map((n) => 'x'.repeat(n)),
    fc.constant('é'.repeat(max + 1)),
    NUL_TEXT,
    ...(min > 0 ? [fc.constant('')] : []),
    fc.constantFrom<unknown>(5, 1.5, true, {}, ['a']),
  );
}

/** Something a field of this kind must refuse. */
export function badValue(kind: FieldKind): fc.Arbitrary<unknown> {
  if (kind === 'code' || kind === 'sku') {
    const max = kind === 'code' ? 32 : 64;
    return fc.oneof(
      fc.constant('X'.repeat(max + 1)),
      NUL_TEXT,
      fc.constantFrom('has space', '-starts-with-dash', '', 'ä', 'a/b', "x'; --"),
      fc.constantFrom<unknown>(5, true, {}, []),
    );
  }
  if (kind === 'uuid')
    return fc.oneof(
      fc.constantFrom('not-a-uuid', '', '1', 'C-000001', '00000000-0000-0000-0000-00000000000g', '\u0000'),
      fc.uuid().map((u) => `${u}x`),
      fc.constantFrom<unknown>(5, true, {}, []),
    );
  if (kind === 'date')
    return fc.oneof(
      fc.constantFrom('2026-02-30', '2026-13-01', 'tomorrow', '', '20260101', '2026-1-1', '\u0000', '99999-01-01'),
      fc.constantFrom<unknown>(5, true, {}),
    );
  if (kind === 'bool') return fc.constantFrom<unknown>('true', 1, 0, 'yes', {}, []);
  if (kind === 'object') return fc.constantFrom<unknown>('x', 5, true, [], [{}], [[]]);
  if (kind === 'list') return fc.constantFrom<unknown>('x', 5, true, {}, { 0: {} }, [[]], [['a']], [null], ['x']);
  if ('int' in kind) return badInt(kind.int[0], kind.int[1]);
  if ('money' in kind) return badInt(kind.money, MAX_MINOR_UNITS);
  return badText(kind.text, kind.min);
}

/** The object a field is a property of: `lines[0]` for `lines[0].quantity`, '' for a top-level field. */
function parentPath(path: string): string {
  return /^(.*)\.[^.[\]]+$/.exec(path)?.[1] ?? '';
}

/** A field and a value it must refuse; now and then an unknown field beside it instead. */
export function badField(
  fields: readonly FieldSpec[],
): fc.Arbitrary<{ path: string; value: unknown; kind?: FieldKind }> {
  const properties = fields.filter((f) => !/\]$/.test(f.path));
  return fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .constantFrom(...fields)
        .chain((f) => badValue(f.kind).map((value) => ({ path: f.path, value, kind: f.kind }))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...properties).map((f) => {
        const parent = parentPath(f.path);
        return { path: parent ? `${parent}.colour` : 'colour', value: 'red' as unknown };
      }),
    },
  );
}

type Segment = string | number;

function segments(path: string): Segment[] {
  return path
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((s) => (/^\[\d+\]$/.test(s) ? Number(s.slice(1, -1)) : s));
}

/** A copy of `body` with `value` at `path` (parents created as needed). */
export function withValue<T extends object>(body: T, path: string, value: unknown): T {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  const parts = segments(path);
  let at: Record<string | number, unknown> = copy;
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) at[part] = value;
    else {
      at[part] ??= typeof parts[i + 1] === 'number' ? [] : {};
      at = at[part] as Record<string | number, unknown>;
    }
  }
  return copy as T;
}

interface Refusal {
  status: number;
  body: { code?: string; errors?: Array<{ field: string; problems: string[] }> };
}

/**
 * Whether the answer is 400 VALIDATION_FAILED with a problem on `path` (or inside it). A whole
 * object or list replaced by something else may be named by its parent list.
 */
export function namesField(response: Refusal, path: string, kind?: FieldKind): boolean {
  if (response.status !== 400 || response.body.code !== 'VALIDATION_FAILED') return false;
  const parent = path.replace(/\[\d+\]$/, '');
  return (response.body.errors ?? []).some(
    (e) =>
      e.problems.length > 0 &&
      (e.field === path ||
        e.field.startsWith(`${path}.`) ||
        e.field.startsWith(`${path}[`) ||
        ((kind === 'object' || kind === 'list') && e.field === parent)),
  );
}

/** The first problem named, for a failure message. */
export function described(response: Refusal): string {
  return `${response.status} ${JSON.stringify(response.body).slice(0, 400)}`;
}
