import pg from 'pg';

/**
 * How Postgres numbers reach TypeScript, decided once for every pool:
 *
 * - `bigint` (money in minor units, counters, bigserial ids) and `count(*)` arrive as a
 *   `number`. pg hands them over as text because they may exceed 2^53; here every such value
 *   is a count of minor units or rows, far below that, and one that is not a safe integer
 *   throws instead of being rounded.
 * - `numeric` arrives as a `number` only when it is a whole number (what `sum(bigint)` and
 *   integer arithmetic on bigint answer). No column stores a fraction: percentages and tax
 *   rates are integers in parts per million and money is integer minor units. A fractional
 *   numeric throws, so a query that would round money silently fails loudly instead; round
 *   or cast it in SQL (`round(x)::bigint`) where a fraction is meant.
 * - Arrays of either parse element by element the same way.
 */
// pg-types' TypeId enum names scalar types only, hence plain numbers (a number is a valid TypeId).
const OID: Record<'int8' | 'numeric' | 'int8Array' | 'numericArray' | 'textArray', number> = {
  int8: 20,
  numeric: 1700,
  int8Array: 1016,
  numericArray: 1231,
  textArray: 1009,
};

/** A Postgres bigint's text as a number; throws rather than round one beyond ±(2^53 - 1). */
export function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new RangeError(`Postgres bigint ${text} is not a safe integer (beyond ±${Number.MAX_SAFE_INTEGER})`);
  }
  return value;
}

/** A Postgres numeric's text as a number when it is a whole, safe integer ("42", "42.00"); throws otherwise. */
export function parseWholeNumeric(text: string): number {
  const whole = /^(-?\d+)(?:\.0*)?$/.exec(text);
  if (!whole) {
    throw new RangeError(
      `Postgres numeric ${text} has a fraction: round or cast it in SQL, a number here would not hold it exactly`,
    );
  }
  const value = Number(whole[1]);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Postgres numeric ${text} is not a safe integer (beyond ±${Number.MAX_SAFE_INTEGER})`);
  }
  return value;
}

type Nested<T> = T | null | Nested<T>[];

function arrayOf(parse: (text: string) => number): (text: string) => Nested<number>[] {
  const textArray = pg.types.getTypeParser(OID.textArray) as (text: string) => Nested<string>[];
  const each = (v: Nested<string>): Nested<number> => (v === null ? null : Array.isArray(v) ? v.map(each) : parse(v));
  return (text) => textArray(text).map(each);
}

let installed = false;

/**
 * Installs the parsers above on the pg driver (process-wide, as pg keeps them). The data source
 * setup calls it before any pool connects; calling it again does nothing.
 */
export function installPgTypeParsers(): void {
  if (installed) return;
  pg.types.setTypeParser(OID.int8, parseSafeInteger);
  pg.types.setTypeParser(OID.numeric, parseWholeNumeric);
  pg.types.setTypeParser(OID.int8Array, arrayOf(parseSafeInteger));
  pg.types.setTypeParser(OID.numericArray, arrayOf(parseWholeNumeric));
  installed = true;
}
