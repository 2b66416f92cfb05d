import { parseSafeInteger, parseWholeNumeric } from './pg-types.js';

describe('Postgres number parsing', () => {
  it('reads a bigint as a number up to the largest safe integer', () => {
    expect(parseSafeInteger('0')).toBe(0);
    expect(parseSafeInteger('-1999')).toBe(-1999);
    expect(parseSafeInteger('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a bigint a number cannot hold instead of rounding it', () => {
    expect(() => parseSafeInteger('9007199254740993')).toThrow(/9007199254740993 is not a safe integer/);
    expect(() => parseSafeInteger('-9223372036854775808')).toThrow(/not a safe integer/);
  });

  it('reads a whole numeric (a sum of bigints) as a number', () => {
    expect(parseWholeNumeric('123456789')).toBe(123456789);
    expect(parseWholeNumeric('-42.000')).toBe(-42);
  });

  it('refuses a numeric with a fraction or beyond the safe range', () => {
    expect(() => parseWholeNumeric('12.5')).toThrow(/12.5 has a fraction/);
    expect(() => parseWholeNumeric('0.1')).toThrow(/has a fraction/);
    expect(() => parseWholeNumeric('NaN')).toThrow(/has a fraction/);
    expect(() => parseWholeNumeric('99999999999999999999')).toThrow(/not a safe integer/);
  });
});
