import fc from 'fast-check';
import { divideHalfUp, formatMinor, percentToPpm, ppmOf, ppmToPercent, PPM_WHOLE, scaleByPpm } from './money-math.js';

describe('divideHalfUp', () => {
  it.each([
    [5n, 2n, 3], // 2.5 rounds up
    [7n, 2n, 4], // 3.5 rounds up
    [3n, 2n, 2], // 1.5 rounds up
    [1n, 3n, 0], // 0.333 rounds down
    [2n, 3n, 1], // 0.667 rounds up
    [0n, 7n, 0],
    [10n, 5n, 2], // exact
  ])('%p / %p is %p', (numerator, denominator, expected) => {
    expect(divideHalfUp(numerator, denominator)).toBe(expected);
  });

  it('is the exact quotient rounded half-up, for any non-negative operands with a safe quotient', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        fc.pre(n / d < BigInt(Number.MAX_SAFE_INTEGER));
        const r = BigInt(divideHalfUp(n, d));
        // r = floor(n/d + 1/2)  <=>  2rd <= 2n + d < 2(r+1)d
        return 2n * r * d <= 2n * n + d && 2n * n + d < 2n * (r + 1n) * d;
      }),
    );
  });

  it('gives an unsafe number (which every caller refuses) when the quotient is beyond the safe integers', () => {
    expect(Number.isSafeInteger(divideHalfUp(BigInt(Number.MAX_SAFE_INTEGER) * 10n + 4n, 10n))).toBe(true);
    expect(Number.isSafeInteger(divideHalfUp(BigInt(Number.MAX_SAFE_INTEGER) * 10n + 5n, 10n))).toBe(false);
  });

  it('refuses a negative numerator rather than rounding it the wrong way', () => {
    expect(() => divideHalfUp(-1n, 2n)).toThrow('not non-negative');
  });
});

describe('percentages', () => {
  it('takes 10% off 19.99 as 17.99 and off 19.95 as 17.96 (17.955 rounds half-up)', () => {
    expect(scaleByPpm(1999, -100_000)).toBe(1799);
    expect(scaleByPpm(1995, -100_000)).toBe(1796);
  });

  it('marks 9.99 up by 12.5% to 11.24 (11.23875 rounds to 11.24)', () => {
    expect(scaleByPpm(999, 125_000)).toBe(1124);
  });

  it('taxes 3.33 at 21% as 0.70 (0.6993 rounds up)', () => {
    expect(ppmOf(333, 210_000)).toBe(70);
  });

  it('never moves a discounted price above list or below zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: PPM_WHOLE }), (list, ppm) => {
        const price = scaleByPpm(list, -ppm);
        return Number.isSafeInteger(price) && price >= 0 && price <= list;
      }),
    );
  });

  it.each([
    [12.5, 125_000],
    [100, 1_000_000],
    [0, 0],
    [12.3456, 123_456],
    [0.1 + 0.2, 3000],
  ])('reads %p%% as %p ppm', (percent, ppm) => {
    expect(percentToPpm(percent)).toBe(ppm);
    expect(ppmToPercent(ppm)).toBeCloseTo(percent, 10);
  });

  it.each([12.34567, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p%% (more than 4 decimals, or not a number)',
    (percent) => {
      expect(percentToPpm(percent)).toBeUndefined();
    },
  );
});

describe('formatMinor', () => {
  it.each([
    [1999, 'EUR', '19.99'],
    [5, 'EUR', '0.05'],
    [0, 'USD', '0.00'],
    [-250, 'EUR', '-2.50'],
    [1999, 'JPY', '1999'],
  ] as const)('shows %p %s as %p', (amount, currency, shown) => {
    expect(formatMinor(amount, currency)).toBe(shown);
  });
});
