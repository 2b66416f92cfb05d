import { validationFailed } from '#platform';

const ISO_DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * Prices apply per calendar day. A caller may send a date (`2026-03-01`) or a full ISO
 * timestamp; the day is the date part as written (so `2026-03-01T23:30:00-05:00` is
 * 1 March, the caller's own day). A day that does not exist (`2026-02-30`) is refused
 * as VALIDATION_FAILED naming `field`, rather than reaching Postgres.
 */
export function toPriceDate(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const match = ISO_DATE_PREFIX.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw validationFailed([{ field, problems: [`${field} must be an ISO date (YYYY-MM-DD)`] }]);
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** Today's date in UTC, the default day for setting and looking up prices. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
