import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BillingSubjects,
  type Caller,
  type CreditNotePostedEvent,
  type CreditNoteView,
  type Page,
  type ReturnReceivedEvent,
} from '#contracts';
import { DomainError, OutboxService, rows } from '#platform';
import { takeNextNumber } from '../invoices/invoice-numbering.js';
import { CreditSettlementService } from './credit-settlement.service.js';

export const CREDIT_NOTE_SERIES = 'CN';

interface CreditNoteRow {
  id: string;
  number: string;
  return_id: string;
  return_number: string;
  original_order_id: string;
  original_order_number: string;
  customer_id: string;
  currency: string;
  goods_minor: string;
  handling_minor: string;
  total_minor: string;
  settlement: CreditNoteView['settlement'];
  open_minor: string;
  applied_minor: number;
  refunded_minor: string | null;
  posted_at: Date;
}

interface ApplicationRow {
  credit_note_id: string;
  invoice_id: string;
  invoice_number: string;
  amount_minor: number;
  applied_at: Date;
}

/**
 * Credits a received return: goods at their credited prices less the handling charge, in
 * the gapless CN series, once per return, and settles it (CreditSettlementService): applied
 * to the original's open invoices first; a REFUND pays out at most what was paid and not
 * already credited, a CREDIT_MEMO goes on to the customer's other open invoices; the rest
 * stays on account.
 */
@Injectable()
export class CreditNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly settlement: CreditSettlementService,
  ) {}

  async postForReturn(em: EntityManager, received: ReturnReceivedEvent): Promise<void> {
    const [existing] = await rows(em, `SELECT id FROM billing.credit_notes WHERE return_id = $1`, [received.returnId]);
    if (existing) return;
    const goodsMinor = received.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
    const total = received.creditMinor;
    const { seq, number } = await takeNextNumber(em, CREDIT_NOTE_SERIES);
    const [row] = await rows<{ id: string; posted_at: Date }>(
      em,
      `INSERT INTO billing.credit_notes (series, seq, number, return_id, return_number, original_order_id, original_order_number, customer_id,
                                         currency, goods_minor, handling_minor, total_minor, settlement, open_minor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id, posted_at`,
      [
        CREDIT_NOTE_SERIES,
        seq,
        number,
        received.returnId,
        received.returnNumber,
        received.originalOrderId,
        received.originalOrderNumber,
        received.customerId,
        received.currency,
        goodsMinor,
        received.handlingCharge.amountMinor,
        total,
        received.settlement,
        total,
      ],
    );
    await em.query(
      `INSERT INTO billing.credit_note_lines (credit_note_id, line_no, order_line_id, sku, quantity, unit_price_minor, line_total_minor, disposition)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::uuid[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::text[])`,
      [
        row.id,
        received.lines.map((_, i) => i + 1),
        received.lines.map((l) => l.originalLineId),
        received.lines.map((l) => l.sku),
        received.lines.map((l) => l.quantity),
        received.lines.map((l) => l.unitPriceMinor),
        received.lines.map((l) => l.quantity * l.unitPriceMinor),
        received.lines.map((l) => l.disposition),
      ],
    );
    await this.settlement.settle(em, {
      creditNoteId: row.id,
      number,
      originalOrderId: received.originalOrderId,
      customerId: received.customerId,
      currency: received.currency,
      totalMinor: total,
      settlement: received.settlement,
    });
    const event: CreditNotePostedEvent = {
      creditNoteId: row.id,
      number,
      returnId: received.returnId,
      originalOrderId: received.originalOrderId,
      customerId: received.customerId,
      currency: received.currency,
      totalMinor: total,
      settlement: received.settlement,
      postedAt: new Date(row.posted_at).toISOString(),
    };
    await this.outbox.add(em, BillingSubjects.creditNotePosted, event);
  }

  async list(
    filter: { returnId?: string; orderId?: string; limit?: number; offset?: number },
    caller?: Caller,
  ): Promise<Page<CreditNoteView>> {
    if (caller?.role === 'customer' && !caller.customerId)
      throw new DomainError('FORBIDDEN', 'This customer key names no customer');
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const where = `WHERE ($1::uuid IS NULL OR c.return_id = $1) AND ($2::uuid IS NULL OR c.original_order_id = $2) AND ($3::uuid IS NULL OR c.customer_id = $3)`;
    const params = [
      filter.returnId ?? null,
      filter.orderId ?? null,
      caller?.role === 'customer' ? caller.customerId : null,
    ];
    const items = await rows<CreditNoteRow>(
      this.dataSource,
      `SELECT c.*, r.amount_minor AS refunded_minor FROM billing.credit_notes c LEFT JOIN billing.refunds r ON r.credit_note_id = c.id
        ${where} ORDER BY c.seq DESC LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    const [{ count }] = await rows<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM billing.credit_notes c ${where}`,
      params,
    );
    const applications = await rows<ApplicationRow>(
      this.dataSource,
      `SELECT a.credit_note_id, a.invoice_id, i.number AS invoice_number, a.amount_minor, a.applied_at
         FROM billing.credit_applications a JOIN billing.invoices i ON i.id = a.invoice_id
        WHERE a.credit_note_id = ANY($1::uuid[]) AND a.reversed_at IS NULL ORDER BY a.applied_at, i.seq`,
      [items.map((i) => i.id)],
    );
    return {
      items: items.map((row) =>
        toView(
          row,
          applications.filter((a) => a.credit_note_id === row.id),
        ),
      ),
      total: count,
      limit,
      offset,
    };
  }
}

function toView(row: CreditNoteRow, applications: ApplicationRow[]): CreditNoteView {
  return {
    id: row.id,
    number: row.number,
    returnId: row.return_id,
    returnNumber: row.return_number,
    originalOrderId: row.original_order_id,
    originalOrderNumber: row.original_order_number,
    customerId: row.customer_id,
    currency: row.currency as CreditNoteView['currency'],
    goodsMinor: Number(row.goods_minor),
    handlingChargeMinor: Number(row.handling_minor),
    totalMinor: Number(row.total_minor),
    settlement: row.settlement,
    appliedMinor: row.applied_minor,
    applications: applications.map((a) => ({
      invoiceId: a.invoice_id,
      invoiceNumber: a.invoice_number,
      amountMinor: a.amount_minor,
      appliedAt: new Date(a.applied_at).toISOString(),
    })),
    refundedMinor: Number(row.refunded_minor ?? 0),
    openMinor: Number(row.open_minor),
    postedAt: new Date(row.posted_at).toISOString(),
  };
}
