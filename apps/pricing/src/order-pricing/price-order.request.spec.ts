import { type ErrorPayload, PriceOrderRequest } from '#contracts';
import { createValidationPipe, DomainError } from '#platform';
import { readPriceOrderRequest } from './price-order.request.js';

/** The fields and problems of VALIDATION_FAILED, or undefined when the request passes. */
async function problems(read: () => unknown): Promise<ErrorPayload['details']> {
  try {
    await read();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.details;
    throw error;
  }
}

const pipe = createValidationPipe();
const byClassValidator = (payload: object) =>
  problems(() => pipe.transform(payload, { type: 'body', metatype: PriceOrderRequest }));
const byHand = (payload: object) => problems(() => readPriceOrderRequest(payload));

describe('readPriceOrderRequest', () => {
  const good = { lineId: 'l1', sku: 'V123', quantity: 2 };

  it.each([
    ['a good request', { currency: 'EUR', lines: [good, { ...good, lineId: 'l2', shipFromLocation: 'WH1' }] }],
    [
      'bad options',
      {
        currency: 'XXX',
        asOf: 'soon',
        shipToRegion: 'nl',
        includeFreight: 'yes',
        charges: [{ code: '' }],
        color: 'red',
        lines: [good],
      },
    ],
    [
      'a line with every field wrong',
      { currency: 'EUR', lines: [good, { lineId: 5, sku: 'bad sku', quantity: 0, extra: 1, shipFromLocation: '!' }] },
    ],
    [
      'out-of-range and unstorable values',
      {
        currency: 'EUR',
        lines: [
          { ...good, lineId: 'x'.repeat(101), quantity: 2 ** 31 },
          { ...good, lineId: 'a\u0000b', quantity: 1e20 },
          { ...good, quantity: Number.MAX_SAFE_INTEGER + 2 },
          { ...good, quantity: 10_000_000 },
        ],
      },
    ],
    [
      'fractional and text quantities',
      {
        currency: 'EUR',
        lines: [
          { ...good, quantity: 1.5 },
          { ...good, quantity: '3' },
          { ...good, quantity: 0.5 },
        ],
      },
    ],
    ['a line that is no object', { currency: 'EUR', lines: [good, null, 'x'] }],
    ['a line that is a list of lines', { currency: 'EUR', lines: [[good]] }],
    ['missing fields', { currency: 'EUR', lines: [{}] }],
  ])('judges %s exactly as the class-validator decorators do', async (_, payload) => {
    expect(await byHand(payload)).toEqual(await byClassValidator(payload));
  });

  it('passes every good line the decorators pass, at the bounds too', async () => {
    const lines = [
      { ...good, quantity: 1 },
      { ...good, lineId: 'x'.repeat(100), quantity: 10_000_000, shipFromLocation: 'W'.repeat(32) },
      { ...good, sku: 'S'.repeat(64), shipFromLocation: null },
    ];
    expect(await byHand({ currency: 'EUR', lines })).toBeUndefined();
    expect(await byClassValidator({ currency: 'EUR', lines })).toBeUndefined();
  });

  it('names the lines field when there are no lines or too many', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ ...good, lineId: `l${i}` }));
    for (const lines of [[], many, 'x', undefined]) {
      expect(await byHand({ currency: 'EUR', lines })).toEqual({
        fields: [{ field: 'lines', problems: ['lines must be an array of 1 to 10000 lines'] }],
      });
    }
  });

  it('returns the request with its options as given and its lines untouched', () => {
    const lines = [good];
    const customerId = '11111111-1111-4111-8111-111111111111';
    const request = readPriceOrderRequest({ currency: 'EUR', customerId, includeFreight: false, lines });
    expect(request).toEqual({ currency: 'EUR', customerId, includeFreight: false, lines });
    expect(request.lines).toBe(lines);
  });
});
