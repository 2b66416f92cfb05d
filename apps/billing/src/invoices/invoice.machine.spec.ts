import { InvoiceStatuses } from '#contracts';
import { invoiceStatus, statusForPaid } from './invoice.machine.js';

describe('invoice status', () => {
  it('knows every invoice status', () => {
    expect([...invoiceStatus.states].sort()).toEqual([...InvoiceStatuses].sort());
  });

  // "Once the invoice has been sent, you need to wait for the customer to pay you."
  it('a posted invoice is paid in part or in full', () => {
    expect(invoiceStatus.allowedFrom('POSTED')).toEqual(expect.arrayContaining(['PARTLY_PAID', 'PAID']));
    expect(invoiceStatus.canMove('PARTLY_PAID', 'PAID')).toBe(true);
  });

  it('a payment never takes an invoice back: nothing returns to posted, a paid invoice is not partly paid again', () => {
    expect(invoiceStatus.into('POSTED')).toEqual([]);
    expect(invoiceStatus.canMove('PAID', 'PARTLY_PAID')).toBe(false);
  });

  it('a paid invoice takes no further payment', () => {
    expect(invoiceStatus.canMove('PAID', 'PAID')).toBe(false);
  });

  // Re-open "wipes out all the inventory movements, payments, etc., leaving just the original order."
  it('re-opening its order voids an invoice whether or not it was paid', () => {
    expect(invoiceStatus.into('VOIDED').sort()).toEqual(['PAID', 'PARTLY_PAID', 'POSTED']);
  });

  it('a voided invoice takes no payment', () => {
    expect(invoiceStatus.canMove('VOIDED', 'PARTLY_PAID')).toBe(false);
    expect(invoiceStatus.canMove('VOIDED', 'PAID')).toBe(false);
    expect(() => invoiceStatus.assertCanMove('VOIDED', 'PAID', 'Invoice INV-000007')).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message:
          'Invoice INV-000007 cannot move from VOIDED to PAID: the invoice status table allows nothing from VOIDED',
      }),
    );
  });

  it('an invoice is voided once, and stays voided', () => {
    expect(invoiceStatus.allowedFrom('VOIDED')).toEqual([]);
  });

  it('derives the status from what is paid', () => {
    expect(statusForPaid(0, 1000)).toBe('POSTED');
    expect(statusForPaid(1, 1000)).toBe('PARTLY_PAID');
    expect(statusForPaid(1000, 1000)).toBe('PAID');
  });
});
