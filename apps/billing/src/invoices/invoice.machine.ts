import type { InvoiceStatus } from '#contracts';
import { defineStateMachine } from '#platform';

/**
 * Where an invoice may go from each status. Payments move it forward ("you need to wait for
 * the customer to pay you ... track the payment status along with the invoice"); re-opening
 * its order voids it, paid or not ("wipes out all the inventory movements, payments, etc.").
 * A voided invoice keeps its number and is final.
 */
export const invoiceStatus = defineStateMachine('invoice status', {
  POSTED: ['PARTLY_PAID', 'PAID', 'VOIDED'],
  PARTLY_PAID: ['PAID', 'VOIDED'],
  PAID: ['VOIDED'],
  VOIDED: [],
} as const satisfies Record<InvoiceStatus, readonly InvoiceStatus[]>);

/** How an invoice is named in an ILLEGAL_TRANSITION. */
export const invoiceSubject = (invoice: { number: string }): string => `Invoice ${invoice.number}`;

/** The status an invoice should have once `paidMinor` of `totalMinor` is paid. */
export function statusForPaid(paidMinor: number, totalMinor: number): InvoiceStatus {
  if (paidMinor >= totalMinor) return 'PAID';
  return paidMinor > 0 ? 'PARTLY_PAID' : 'POSTED';
}
