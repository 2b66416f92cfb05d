import { DomainError } from '#platform';
import { toPriceDate, todayUtc } from './price-date.js';

describe('toPriceDate', () => {
  it('leaves an absent date absent, so the caller can default it', () => {
    expect(toPriceDate(undefined, 'asOf')).toBeUndefined();
  });

  it.each([
    ['2026-03-01', '2026-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
    ['2026-03-01T23:30:00-05:00', '2026-03-01'],
  ])('reads %p as the day %p', (value, day) => {
    expect(toPriceDate(value, 'asOf')).toBe(day);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-3-1', 'yesterday', '20260301'])(
    'refuses %p naming the field',
    (value) => {
      let error: unknown;
      try {
        toPriceDate(value, 'validFrom');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).toPayload()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'validFrom' }] },
      });
    },
  );
});

describe('todayUtc', () => {
  it('is the UTC calendar day', () => {
    expect(todayUtc(new Date('2026-06-30T23:59:59-02:00'))).toBe('2026-07-01');
  });
});
