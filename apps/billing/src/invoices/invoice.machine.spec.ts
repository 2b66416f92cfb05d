import { InvoiceStatuses, type InvoiceStatus } from '#contracts';
import { assertTransition, canTransition, invoiceTransitions, statusForPaid } from './invoice.machine.js';

const pairs = InvoiceStatuses.flatMap((from) =>
  InvoiceStatuses.map((to) => [from, to] as [InvoiceStatus, InvoiceStatus]),
);
const allowed = pairs.filter(([from, to]) => (invoiceTransitions[from] as readonly string[]).includes(to));
const refused = pairs.filter(([from, to]) => !(invoiceTransitions[from] as readonly string[]).includes(to));

describe('invoice transitions', () => {
  it('lists every status', () => {
    expect(Object.keys(invoiceTransitions).sort()).toEqual([...InvoiceStatuses].sort());
  });

  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(refused)('refuses %s -> %s with ILLEGAL_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to, 'inv-1')).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION', details: { invoiceId: 'inv-1', from, to } }),
    );
  });

  it('derives the status from what is paid', () => {
    expect(statusForPaid(0, 1000)).toBe('POSTED');
    expect(statusForPaid(1, 1000)).toBe('PARTLY_PAID');
    expect(statusForPaid(1000, 1000)).toBe('PAID');
  });
});
