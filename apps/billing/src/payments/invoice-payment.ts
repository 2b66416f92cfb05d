import type { EntityManager } from 'typeorm';
import type { InvoiceStatus } from '#contracts';
import { DomainError, oneRow, rows } from '#platform';
import { invoiceStatus, invoiceSubject, statusForPaid } from '../invoices/invoice.machine.js';
import type { InvoiceRow } from '../invoices/invoice.rows.js';

/**
 * Raises paid_minor only if it stays within the total, then moves the status through the transition table.
 * `field` names the request field an OVERPAYMENT is about (an allocation's amount).
 */
export async function applyPaymentToInvoice(
  em: EntityManager,
  invoice: InvoiceRow,
  amountMinor: number,
  field?: string,
): Promise<InvoiceStatus> {
  const updated = await rows<{
    status: InvoiceStatus;
    paid_minor: number;
    credited_minor: number;
    total_minor: number;
  }>(
    em,
    `UPDATE billing.invoices SET paid_minor = paid_minor + $2 WHERE id = $1 AND paid_minor + credited_minor + $2 <= total_minor
     RETURNING status, paid_minor, credited_minor, total_minor`,
    [invoice.id, amountMinor],
  );
  if (updated.length === 0) {
    const { open_minor: openMinor } = await oneRow<{ open_minor: number }>(
      em,
      `SELECT total_minor - paid_minor - credited_minor AS open_minor FROM billing.invoices WHERE id = $1`,
      [invoice.id],
    );
    throw new DomainError(
      'OVERPAYMENT',
      `Payment of ${amountMinor} exceeds the ${openMinor} open on invoice ${invoice.number}`,
      {
        invoiceId: invoice.id,
        amountMinor,
        openMinor,
        ...(field ? { field } : {}),
      },
    );
  }
  // status is not touched by the UPDATE above, so it is still the status before this payment.
  const { status: from, paid_minor, credited_minor, total_minor } = updated[0];
  // Credited counts as settled: an invoice paid in part and credited the rest is PAID.
  const to = statusForPaid(paid_minor + credited_minor, total_minor);
  if (to === from) return from;
  // A voided invoice takes no payment: the table allows nothing from VOIDED, so this rolls the payment back.
  invoiceStatus.assertCanMove(from, to, invoiceSubject(invoice));
  const moved = await rows(
    em,
    `UPDATE billing.invoices SET status = $2 WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
    [invoice.id, to, invoiceStatus.into(to)],
  );
  invoiceStatus.assertMoved(to, moved.length, 1, invoiceSubject(invoice));
  return to;
}
