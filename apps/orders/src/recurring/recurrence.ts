import type { RecurrenceUnit } from '#contracts';

/** The date `interval` units after `date` (YYYY-MM-DD, calendar arithmetic in UTC; month ends clamp: Jan 31 + 1 month = Feb 28). */
export function nextRunDate(date: string, every: RecurrenceUnit, interval: number): string {
  const [y, m, d] = date.split('-').map(Number);
  if (every === 'DAY' || every === 'WEEK') {
    const days = every === 'DAY' ? interval : interval * 7;
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  }
  const months = every === 'MONTH' ? interval : every === 'QUARTER' ? interval * 3 : interval * 12;
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
