import { daysToPay, dueDateFor, PAYMENT_TERMS_PATTERN } from './payment-terms.js';

describe('payment terms', () => {
  it('gives the days to pay and the due date in UTC calendar days', () => {
    expect(['NET30', 'NET7', 'NET120', 'DUE_ON_RECEIPT', 'PREPAID'].map(daysToPay)).toEqual([30, 7, 120, 0, 0]);
    expect(dueDateFor('NET30', new Date('2026-12-04T23:59:00Z'))).toBe('2027-01-03');
    expect(dueDateFor('NET14', new Date('2026-02-20T00:00:00Z'))).toBe('2026-03-06');
    expect(dueDateFor('DUE_ON_RECEIPT', new Date('2026-12-04T10:00:00Z'))).toBe('2026-12-04');
  });

  it('knows only the terms a customer can be given', () => {
    expect(['NET30', 'NET1000', 'net30', 'COD', 'PREPAID'].map((t) => PAYMENT_TERMS_PATTERN.test(t))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(() => daysToPay('COD')).toThrow(RangeError);
  });
});
