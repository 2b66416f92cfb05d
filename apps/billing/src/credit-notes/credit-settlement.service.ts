import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillingSubjects, type Currency, type InvoiceStatus } from '#contracts';
import { DomainError, oneRow, OutboxService, rows } from '#platform';
import { invoiceStatus, invoiceSubject, statusForPaid } from '../invoices/invoice.machine.js';

/** A just-posted credit note, as settlement needs it. */
export interface CreditToSettle {
  creditNoteId: string;
  number: string;
  originalOrderId: string;
  customerId: string;
  currency: Currency;
  totalMinor: number;
  settlement: 'CREDIT_MEMO' | 'REFUND';
}

/** An invoice that may take credit, locked: its open item and what is settled on it. */
interface OpenInvoiceRow {
  id: string;
  number: string;
  order_id: string;
  status: InvoiceStatus;
  total_minor: number;
  paid_minor: number;
  credited_minor: number;
  open_minor: number;
}

export interface CreditSettled {
  appliedMinor: number;
  refundedMinor: number;
  keptOnAccountMinor: number;
}

/**
 * Settles a credit note in its posting transaction. The credit is applied to the open amount
 * of the original order's invoices first (oldest first); a credit memo then goes on to the
 * customer's other open invoices in its currency (earliest due first). A refund pays out only
 * what was paid on the original order and not already credited (refunded by an earlier credit
 * note of that order), never more than the credit left. Whatever is left stays on account.
 * Every invoice touched is locked, so a payment or another credit cannot settle it twice.
 */
@Injectable()
export class CreditSettlementService {
  constructor(private readonly outbox: OutboxService) {}

  async settle(em: EntityManager, credit: CreditToSettle): Promise<CreditSettled> {
    let left = credit.totalMinor;
    let applied = 0;
    for (const invoice of await this.openInvoices(em, credit)) {
      if (left === 0) break;
      const amount = Math.min(left, invoice.open_minor);
      await this.apply(em, credit, invoice, amount);
      left -= amount;
      applied += amount;
    }
    const refunded = credit.settlement === 'REFUND' ? Math.min(left, await this.refundable(em, credit)) : 0;
    if (refunded > 0) {
      await em.query(`INSERT INTO billing.refunds (credit_note_id, amount_minor, currency) VALUES ($1, $2, $3)`, [
        credit.creditNoteId,
        refunded,
        credit.currency,
      ]);
    }
    const keptOnAccountMinor = left - refunded;
    await em.query(`UPDATE billing.credit_notes SET applied_minor = $2, open_minor = $3 WHERE id = $1`, [
      credit.creditNoteId,
      applied,
      keptOnAccountMinor,
    ]);
    return { appliedMinor: applied, refundedMinor: refunded, keptOnAccountMinor };
  }

  /** The original order's open invoices first, then (a credit memo only) the customer's others in the currency. */
  private openInvoices(em: EntityManager, credit: CreditToSettle): Promise<OpenInvoiceRow[]> {
    // A filter, not a write: invoice statuses move only through their table (invoice.machine.ts).
    return rows<OpenInvoiceRow>(
      em,
      `SELECT i.id, i.number, i.order_id, i.status, i.total_minor, i.paid_minor, i.credited_minor, a.open_minor
         FROM billing.invoices i JOIN billing.ar_open_items a ON a.invoice_id = i.id
        WHERE i.status <> 'VOIDED' AND a.open_minor > 0 AND i.currency = $3
          AND (i.order_id = $1 OR ($4 AND i.customer_id = $2))
        ORDER BY i.order_id = $1 DESC, a.due_date, i.seq
        FOR UPDATE OF i, a`,
      [credit.originalOrderId, credit.customerId, credit.currency, credit.settlement === 'CREDIT_MEMO'],
    );
  }

  private async apply(em: EntityManager, credit: CreditToSettle, invoice: OpenInvoiceRow, amount: number) {
    await em.query(
      `INSERT INTO billing.credit_applications (credit_note_id, invoice_id, amount_minor) VALUES ($1, $2, $3)`,
      [credit.creditNoteId, invoice.id, amount],
    );
    const [item] = await rows<{ open_minor: number }>(
      em,
      `UPDATE billing.ar_open_items SET open_minor = open_minor - $2 WHERE invoice_id = $1 AND open_minor >= $2 RETURNING open_minor`,
      [invoice.id, amount],
    );
    const settled = await rows<{ paid_minor: number; credited_minor: number }>(
      em,
      `UPDATE billing.invoices SET credited_minor = credited_minor + $2 WHERE id = $1 AND paid_minor + credited_minor + $2 <= total_minor
       RETURNING paid_minor, credited_minor`,
      [invoice.id, amount],
    );
    if (!item || settled.length === 0)
      throw new DomainError('INTERNAL', `The open item of invoice ${invoice.number} does not match the invoice`);
    const to = statusForPaid(settled[0].paid_minor + settled[0].credited_minor, invoice.total_minor);
    if (to !== invoice.status) {
      invoiceStatus.assertCanMove(invoice.status, to, invoiceSubject(invoice));
      const moved = await rows(
        em,
        `UPDATE billing.invoices SET status = $2 WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
        [invoice.id, to, invoiceStatus.into(to)],
      );
      invoiceStatus.assertMoved(to, moved.length, 1, invoiceSubject(invoice));
    }
    await this.outbox.add(em, BillingSubjects.creditApplied, {
      creditNoteId: credit.creditNoteId,
      creditNoteNumber: credit.number,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      orderId: invoice.order_id,
      customerId: credit.customerId,
      currency: credit.currency,
      amountMinor: amount,
      invoiceStatus: to,
      invoiceOpenMinor: item.open_minor,
    });
  }

  /** Paid on the original order's live invoices, less what earlier credit notes of that order refunded. */
  private async refundable(em: EntityManager, credit: CreditToSettle): Promise<number> {
    const { paid, refunded } = await oneRow<{ paid: number; refunded: number }>(
      em,
      `SELECT (SELECT COALESCE(sum(paid_minor), 0) FROM billing.invoices WHERE order_id = $1 AND status <> 'VOIDED') AS paid,
              (SELECT COALESCE(sum(r.amount_minor), 0) FROM billing.refunds r JOIN billing.credit_notes c ON c.id = r.credit_note_id
                WHERE c.original_order_id = $1 AND c.id <> $2) AS refunded`,
      [credit.originalOrderId, credit.creditNoteId],
    );
    return Math.max(paid - refunded, 0);
  }
}
