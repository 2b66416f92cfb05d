import { nextRunDate } from './recurrence.js';

describe('nextRunDate', () => {
  it.each([
    ['2026-12-01', 'DAY', 1, '2026-12-02'],
    ['2026-12-28', 'WEEK', 1, '2027-01-04'],
    ['2026-01-31', 'MONTH', 1, '2026-02-28'],
    ['2028-01-31', 'MONTH', 1, '2028-02-29'],
    ['2026-11-15', 'QUARTER', 1, '2027-02-15'],
    ['2026-03-31', 'MONTH', 3, '2026-06-30'],
    ['2024-02-29', 'YEAR', 1, '2025-02-28'],
  ] as const)('%s + %s x%i = %s', (from, every, interval, expected) => {
    expect(nextRunDate(from, every, interval)).toBe(expected);
  });
});
