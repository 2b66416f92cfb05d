import type { ErrorPayload } from '#contracts';
import { DomainError } from '#platform';
import { assertSafeMinor, type LineToPrice, priceLines, type UnitPrice } from './line-math.js';

/** Looks a line's price up by its SKU. */
const bySku = (map: ReadonlyMap<string, UnitPrice>) => (line: LineToPrice) => map.get(line.sku);

const prices = new Map<string, UnitPrice>([
  ['A', { priceId: 'p-a', unitPriceMinor: 1999 }],
  ['B', { priceId: 'p-b', unitPriceMinor: 5 }],
  ['FREE', { priceId: 'p-free', unitPriceMinor: 0 }],
]);

function failure(fn: () => unknown): ErrorPayload {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.toPayload();
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('priceLines', () => {
  it('multiplies each line out and totals the order as the sum of the lines', () => {
    const lines: LineToPrice[] = [
      { lineId: 'l1', sku: 'A', quantity: 3 },
      { lineId: 'l2', sku: 'B', quantity: 7 },
      { lineId: 'l3', sku: 'A', quantity: 1 },
      { lineId: 'l4', sku: 'FREE', quantity: 2 },
    ];
    const result = priceLines(lines, bySku(prices));
    expect(result.lines).toEqual([
      { lineId: 'l1', sku: 'A', quantity: 3, unitPriceMinor: 1999, lineTotalMinor: 5997, priceId: 'p-a' },
      { lineId: 'l2', sku: 'B', quantity: 7, unitPriceMinor: 5, lineTotalMinor: 35, priceId: 'p-b' },
      { lineId: 'l3', sku: 'A', quantity: 1, unitPriceMinor: 1999, lineTotalMinor: 1999, priceId: 'p-a' },
      { lineId: 'l4', sku: 'FREE', quantity: 2, unitPriceMinor: 0, lineTotalMinor: 0, priceId: 'p-free' },
    ]);
    expect(result.totalMinor).toBe(8031);
  });

  it('keeps every amount an integer and the total equal to the sum of lines, for many lines', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => ({
      lineId: `l${i}`,
      sku: i % 2 ? 'A' : 'B',
      quantity: (i % 97) + 1,
    }));
    const result = priceLines(lines, bySku(prices));
    expect(result.lines).toHaveLength(5000);
    expect(
      result.lines.every(
        (l) => Number.isInteger(l.lineTotalMinor) && l.lineTotalMinor === l.unitPriceMinor * l.quantity,
      ),
    ).toBe(true);
    expect(result.totalMinor).toBe(result.lines.reduce((sum, l) => sum + l.lineTotalMinor, 0));
    expect(Number.isSafeInteger(result.totalMinor)).toBe(true);
  });

  it('accepts a line total of exactly the largest safe integer', () => {
    const big = new Map([['X', { priceId: 'p-x', unitPriceMinor: Number.MAX_SAFE_INTEGER }]]);
    expect(priceLines([{ lineId: 'l1', sku: 'X', quantity: 1 }], bySku(big)).totalMinor).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a line total beyond the safe integers, naming the line', () => {
    const withBig = new Map([...prices, ['X', { priceId: 'p-x', unitPriceMinor: 2 ** 40 }]]);
    const lines = [
      { lineId: 'l1', sku: 'B', quantity: 1 },
      { lineId: 'l2', sku: 'X', quantity: 2 ** 14 },
    ];
    const error = failure(() => priceLines(lines, bySku(withBig)));
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'lines[1].lineTotalMinor' }] },
    });
  });

  it('refuses an order total beyond the safe integers even when every line is safe', () => {
    const half = Math.ceil(Number.MAX_SAFE_INTEGER / 2) + 1;
    const big = new Map([['X', { priceId: 'p-x', unitPriceMinor: half }]]);
    const lines = [
      { lineId: 'l1', sku: 'X', quantity: 1 },
      { lineId: 'l2', sku: 'X', quantity: 1 },
    ];
    expect(failure(() => priceLines(lines, bySku(big)))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'totalMinor' }] },
    });
  });

  it('refuses an unsafe or fractional quantity, naming the line', () => {
    const unsafe = failure(() => priceLines([{ lineId: 'l1', sku: 'A', quantity: 2 ** 60 }], bySku(prices)));
    expect(unsafe).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines[0].quantity' }] } });
    const fraction = failure(() => priceLines([{ lineId: 'l1', sku: 'A', quantity: 1.5 }], bySku(prices)));
    expect(fraction).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'lines[0].quantity' }] },
    });
  });

  it('fails loudly when asked to price a SKU it was given no price for', () => {
    expect(() => priceLines([{ lineId: 'l1', sku: 'NOPE', quantity: 1 }], bySku(prices))).toThrow(
      'no unit price for SKU NOPE',
    );
  });
});

describe('assertSafeMinor', () => {
  it.each([0, 1, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(() => assertSafeMinor(value, 'amount')).not.toThrow();
  });

  it.each([-1, 0.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p naming the field',
    (value) => {
      expect(failure(() => assertSafeMinor(value, 'unitPriceMinor'))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'unitPriceMinor' }] },
      });
    },
  );
});
