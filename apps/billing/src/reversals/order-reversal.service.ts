import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  BillingSubjects,
  type InvoiceVoidedEvent,
  type ReverseOrderBillingReply,
  type ReverseOrderBillingRequest,
} from '#contracts';
import { auditActorOf, currentContext, OutboxService, rows } from '#platform';
import { invoiceStatus, invoiceSubject } from '../invoices/invoice.machine.js';

interface InvoiceRow {
  id: string;
  number: string;
  status: 'POSTED' | 'PARTLY_PAID' | 'PAID';
  total_minor: string;
  paid_minor: string;
  order_number: string;
  customer_id: string;
  currency: string;
}

/**
 * Re-open, billing's part: every invoice of the order is voided (it keeps its number, so the
 * series stays gapless), its open item is cleared, and every payment on it is un-allocated
 * (a reversal record) and kept on account for the customer as unapplied cash. The voids and
 * reversals are records; nothing is deleted. Doing it twice voids nothing more.
 */
@Injectable()
export class OrderReversalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async reverse(request: ReverseOrderBillingRequest): Promise<ReverseOrderBillingReply> {
    const actor = auditActorOf(currentContext()?.caller);
    return this.dataSource.transaction(async (em) => {
      const invoices = await rows<InvoiceRow>(
        em,
        `SELECT id, number, status, total_minor, paid_minor, order_number, customer_id, currency FROM billing.invoices
          WHERE order_id = $1 AND status <> 'VOIDED' ORDER BY seq FOR UPDATE`,
        [request.orderId],
      );
      let reversedMinor = 0;
      for (const invoice of invoices) {
        invoiceStatus.assertCanMove(invoice.status, 'VOIDED', invoiceSubject(invoice));
        const reversed = await rows<{ id: string; payment_id: string; amount_minor: number }>(
          em,
          `INSERT INTO billing.payment_reversals (payment_id, amount_minor, reason, actor)
           SELECT p.id, p.amount_minor, $2, $3 FROM billing.payments p WHERE p.invoice_id = $1
           ON CONFLICT (payment_id) DO NOTHING RETURNING id, payment_id, amount_minor`,
          [invoice.id, request.reason, actor],
        );
        // Un-allocated, not given back: the money stays on account for the customer, to allocate or refund later.
        await em.query(
          `INSERT INTO billing.unapplied_cash (customer_id, currency, payment_id, reversal_id, from_invoice_id, amount_minor, open_minor, reason)
           SELECT $1, $2, r.payment_id, r.id, $3, r.amount_minor, r.amount_minor, $4
             FROM unnest($5::uuid[], $6::uuid[], $7::bigint[]) AS r(id, payment_id, amount_minor)`,
          [
            invoice.customer_id,
            invoice.currency,
            invoice.id,
            request.reason,
            reversed.map((r) => r.id),
            reversed.map((r) => r.payment_id),
            reversed.map((r) => r.amount_minor),
          ],
        );
        const invoiceReversed = reversed.reduce((sum, r) => sum + r.amount_minor, 0);
        reversedMinor += invoiceReversed;
        // Credit applied to it goes back on account on its credit note, with the date it was taken off.
        await em.query(
          `WITH taken AS (
             UPDATE billing.credit_applications SET reversed_at = now() WHERE invoice_id = $1 AND reversed_at IS NULL
             RETURNING credit_note_id, amount_minor)
           UPDATE billing.credit_notes c SET applied_minor = c.applied_minor - t.amount, open_minor = c.open_minor + t.amount
             FROM (SELECT credit_note_id, sum(amount_minor) AS amount FROM taken GROUP BY credit_note_id) t
            WHERE c.id = t.credit_note_id`,
          [invoice.id],
        );
        // Nothing stays allocated to a voided invoice: paid, credited and open are all 0.
        const voided = await rows(
          em,
          `UPDATE billing.invoices SET status = 'VOIDED', voided_at = now(), void_reason = $2, paid_minor = 0, credited_minor = 0
            WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
          [invoice.id, request.reason, invoiceStatus.into('VOIDED')],
        );
        invoiceStatus.assertMoved('VOIDED', voided.length, 1, invoiceSubject(invoice));
        await em.query(`UPDATE billing.ar_open_items SET open_minor = 0 WHERE invoice_id = $1`, [invoice.id]);
        const event: InvoiceVoidedEvent = {
          invoiceId: invoice.id,
          number: invoice.number,
          orderId: request.orderId,
          orderNumber: invoice.order_number,
          customerId: invoice.customer_id,
          currency: invoice.currency as InvoiceVoidedEvent['currency'],
          totalMinor: Number(invoice.total_minor),
          reversedPaymentsMinor: invoiceReversed,
          keptOnAccountMinor: invoiceReversed,
          reason: request.reason,
        };
        await this.outbox.add(em, BillingSubjects.invoiceVoided, event);
      }
      return {
        orderId: request.orderId,
        voidedInvoices: invoices.map((i) => ({ id: i.id, number: i.number, totalMinor: Number(i.total_minor) })),
        reversedPaymentsMinor: reversedMinor,
        keptOnAccountMinor: reversedMinor,
      };
    });
  }
}
