import type { InvoiceStatus } from '#contracts';
import { DomainError } from '#platform';

/** Where an invoice may go from each status. Payments move it forward; re-opening its order voids it. */
export const invoiceTransitions = {
  POSTED: ['PARTLY_PAID', 'PAID', 'VOIDED'],
  PARTLY_PAID: ['PAID', 'VOIDED'],
  PAID: ['VOIDED'],
  VOIDED: [],
} as const satisfies Record<InvoiceStatus, readonly InvoiceStatus[]>;

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return (invoiceTransitions[from] as readonly InvoiceStatus[]).includes(to);
}

/** Throws ILLEGAL_TRANSITION unless the table allows `from` -> `to`. */
export function assertTransition(from: InvoiceStatus, to: InvoiceStatus, invoiceId?: string): void {
  if (!canTransition(from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `An invoice cannot go from ${from} to ${to}`, { invoiceId, from, to });
  }
}

/** The status an invoice should have once `paidMinor` of `totalMinor` is paid. */
export function statusForPaid(paidMinor: number, totalMinor: number): InvoiceStatus {
  if (paidMinor >= totalMinor) return 'PAID';
  return paidMinor > 0 ? 'PARTLY_PAID' : 'POSTED';
}
