import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BillingSubjects,
  type InvoicePostedEvent,
  isBilledAtEntry,
  type LinesChangedEvent,
  type OrderLinesShippedEvent,
  type OrderPlacedEvent,
  daysToPay,
  DEFAULT_PAYMENT_TERMS,
  orderTypeRule,
  ppmToPercent,
} from '#contracts';
import { maybeRow, OutboxService, RetryLaterError, rows } from '#platform';
import type { OrderCopy } from '../orders/order.rows.js';
import { OrderCopiesService } from '../orders/order-copies.service.js';
import { OpenItemsService } from '../receivables/open-items.service.js';
import { INVOICE_SERIES, takeNextNumber } from './invoice-numbering.js';
import { type Billable, type BilledBefore, type DraftInvoiceLine, draftInvoiceLines } from './invoice-lines.js';

/**
 * Posts invoices: two-step billing (one per shipment, for what orders says it makes
 * billable), one-step billing (an INVOICE order at entry) and pre-shipped lines, pricing
 * quantities at the order's unit prices. Runs inside the consumer's transaction, so the
 * invoice, its number, its open item, its `invoice posted` event and the inbox record commit
 * together.
 */
@Injectable()
export class InvoicePostingService {
  constructor(
    private readonly orders: OrderCopiesService,
    private readonly openItems: OpenItemsService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * One invoice per shipment for exactly what orders says it makes billable (kit lines
   * included once their kits are complete; nothing for a loss/reshipment or an order billed
   * at entry): orders decides, billing does not work it out again.
   */
  async postForShipment(em: EntityManager, shipped: OrderLinesShippedEvent): Promise<void> {
    if (shipped.billable.length === 0) return;
    const order = await this.orders.find(em, shipped.orderId);
    if (!order)
      throw new RetryLaterError(`Order ${shipped.orderNumber} (${shipped.orderId}) is not known to billing yet`);
    await this.post(em, order, {
      source: `shipment:${shipped.shipmentId}`,
      shipmentId: shipped.shipmentId,
      what: `Shipment ${shipped.shipmentNumber}`,
      lines: shipped.billable,
    });
  }

  /**
   * Billed in full when entered: a one-step INVOICE order, and a prepaid customer's sale
   * (its lines stay PROFORMA, and are not picked, until that invoice is paid in full).
   */
  async postAtEntry(em: EntityManager, placed: OrderPlacedEvent): Promise<void> {
    if (!isBilledAtEntry(placed)) return this.postHandedOver(em, placed);
    const order = await this.orders.find(em, placed.orderId);
    if (!order) throw new RetryLaterError(`Order ${placed.number} is not stored yet`);
    await this.post(em, order, {
      source: `entry:${placed.orderId}`,
      what: `Order ${placed.number}`,
      lines: placed.lines.map((l) => ({ orderLineId: l.lineId, quantity: l.quantity })),
    });
  }

  /** Lines handed over at entry (neither inventoried nor linked to a warehouse: no shipment will bill them). */
  private async postHandedOver(em: EntityManager, placed: OrderPlacedEvent): Promise<void> {
    const handedOver = placed.lines.filter((l) => l.fulfillStatus === 'PRE_SHIPPED');
    if (handedOver.length === 0 || !orderTypeRule(placed.type).sale) return;
    const order = await this.orders.find(em, placed.orderId);
    if (!order) throw new RetryLaterError(`Order ${placed.number} is not stored yet`);
    for (const line of handedOver) {
      await this.post(em, order, {
        source: `preship:${line.lineId}`,
        what: `Order ${placed.number}`,
        lines: [{ orderLineId: line.lineId, quantity: line.quantity }],
      });
    }
  }

  /** A pre-shipped line (the customer took the goods) becomes billable at once. */
  async postPreShipped(em: EntityManager, change: LinesChangedEvent): Promise<void> {
    if (change.action !== 'PRE_SHIPPED') return;
    const order = await this.orders.find(em, change.orderId);
    if (!order) throw new RetryLaterError(`Order ${change.orderNumber} is not known to billing yet`);
    if (!orderTypeRule(order.type).sale) return;
    for (const line of change.lines) {
      await this.post(em, order, {
        source: `preship:${line.lineId}`,
        what: `Order ${change.orderNumber}`,
        lines: [{ orderLineId: line.lineId, quantity: line.quantity }],
      });
    }
  }

  private async post(em: EntityManager, order: OrderCopy, billable: Billable): Promise<void> {
    // The inbox stops a redelivered event; `source` stops the same thing billed twice under new event ids.
    const existing = await maybeRow<{ id: string }>(em, `SELECT id FROM billing.invoices WHERE source = $1`, [
      billable.source,
    ]);
    if (existing) return;
    // Two invoices of one order posting at once must not both bill its charges: the order copy is the lock.
    await em.query(`SELECT id FROM billing.orders WHERE id = $1 FOR UPDATE`, [order.id]);
    const lines = draftInvoiceLines(order, billable, await billedBefore(em, order.id));
    if (lines.length === 0) return;
    const sumOf = (kind: DraftInvoiceLine['kind']) =>
      lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.lineTotalMinor, 0);
    const totalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
    const terms = await paymentTermsOf(em, order);
    const { seq, number } = await takeNextNumber(em, INVOICE_SERIES);
    // Due in the terms' days from the posting day (UTC calendar days), posted_at being now().
    const [row] = await rows<{ id: string; posted_at: Date; due_date: string }>(
      em,
      `INSERT INTO billing.invoices (series, seq, number, order_id, order_number, shipment_id, source, customer_id, currency, total_minor,
                                     charges_minor, tax_minor, payment_terms, due_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, (now() AT TIME ZONE 'UTC')::date + $14::int)
       RETURNING id, posted_at, to_char(due_date, 'YYYY-MM-DD') AS due_date`,
      [
        INVOICE_SERIES,
        seq,
        number,
        order.id,
        order.number,
        billable.shipmentId ?? null,
        billable.source,
        order.customer_id,
        order.currency,
        totalMinor,
        sumOf('CHARGE'),
        sumOf('TAX'),
        terms,
        daysToPay(terms),
      ],
    );
    await insertLines(em, row.id, lines);
    const postedAt = new Date(row.posted_at);
    await this.openItems.open(em, {
      invoiceId: row.id,
      customerId: order.customer_id,
      currency: order.currency,
      totalMinor,
      dueDate: row.due_date,
    });
    const event = postedEvent(order, billable, row.id, number, postedAt, lines);
    await this.outbox.add(em, BillingSubjects.invoicePosted, { ...event, paymentTerms: terms, dueDate: row.due_date });
  }
}

/**
 * The order's payment terms as orders sent them; for an order without (a Backorder, or one from
 * before terms travelled) the terms of the customer's latest order that has them, else NET30.
 */
async function paymentTermsOf(em: EntityManager, order: OrderCopy): Promise<string> {
  if (order.payment_terms) return order.payment_terms;
  const latest = await maybeRow<{ payment_terms: string }>(
    em,
    `SELECT payment_terms FROM billing.orders WHERE customer_id = $1 AND payment_terms IS NOT NULL
      ORDER BY received_at DESC LIMIT 1`,
    [order.customer_id],
  );
  return latest?.payment_terms ?? DEFAULT_PAYMENT_TERMS;
}

/** What earlier invoices of the order that were not voided billed once for the order: its charges and line shipping fees. */
async function billedBefore(em: EntityManager, orderId: string): Promise<BilledBefore> {
  // A filter, not a write: invoice statuses move only through their table (invoice.machine.ts).
  const billed = await rows<{ charge_no: number | null; order_line_id: string | null }>(
    em,
    `SELECT l.charge_no, l.order_line_id FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id
      WHERE i.order_id = $1 AND i.status <> 'VOIDED' AND l.kind = 'CHARGE'`,
    [orderId],
  );
  return {
    chargeNos: new Set(billed.flatMap((b) => (b.charge_no === null ? [] : [b.charge_no]))),
    shipFeeLines: new Set(billed.flatMap((b) => (b.charge_no === null && b.order_line_id ? [b.order_line_id] : []))),
  };
}

async function insertLines(em: EntityManager, invoiceId: string, lines: DraftInvoiceLine[]): Promise<void> {
  await em.query(
    `INSERT INTO billing.invoice_lines (invoice_id, line_no, kind, order_line_id, sku, charge_code, charge_no, description, quantity,
                                        unit_price_minor, line_total_minor, tax_ppm, tax_minor)
     SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::text[], $9::int[],
                                    $10::bigint[], $11::bigint[], $12::int[], $13::bigint[])`,
    [
      invoiceId,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.kind),
      lines.map((l) => l.orderLineId ?? null),
      lines.map((l) => l.sku ?? null),
      lines.map((l) => l.chargeCode ?? null),
      lines.map((l) => l.chargeNo ?? null),
      lines.map((l) => l.description ?? null),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPriceMinor),
      lines.map((l) => l.lineTotalMinor),
      lines.map((l) => l.taxPpm ?? null),
      lines.map((l) => l.taxMinor),
    ],
  );
}

/** `invoice posted`: version 1's order lines, with the charges and taxes beside them. */
function postedEvent(
  order: OrderCopy,
  billable: Billable,
  invoiceId: string,
  number: string,
  postedAt: Date,
  lines: DraftInvoiceLine[],
): InvoicePostedEvent {
  const numbered = lines.map((line, i) => ({ line, lineNo: i + 1 }));
  const charges = numbered
    .filter(({ line }) => line.kind === 'CHARGE')
    .map(({ line, lineNo }) => ({
      lineNo,
      code: line.chargeCode ?? '',
      description: line.description ?? '',
      ...(line.orderLineId ? { orderLineId: line.orderLineId } : {}),
      amountMinor: line.lineTotalMinor,
    }));
  const taxes = numbered
    .filter(({ line }) => line.kind === 'TAX')
    .map(({ line, lineNo }) => ({ lineNo, percent: ppmToPercent(line.taxPpm ?? 0), taxMinor: line.lineTotalMinor }));
  return {
    invoiceId,
    number,
    series: INVOICE_SERIES,
    orderId: order.id,
    orderNumber: order.number,
    shipmentId: billable.shipmentId,
    customerId: order.customer_id,
    currency: order.currency,
    totalMinor: lines.reduce((sum, l) => sum + l.lineTotalMinor, 0),
    postedAt: postedAt.toISOString(),
    lines: lines.flatMap((l) =>
      l.kind === 'ORDER_LINE' && l.orderLineId && l.sku
        ? [
            {
              orderLineId: l.orderLineId,
              sku: l.sku,
              quantity: l.quantity,
              unitPriceMinor: l.unitPriceMinor,
              lineTotalMinor: l.lineTotalMinor,
            },
          ]
        : [],
    ),
    ...(charges.length > 0 ? { charges } : {}),
    ...(taxes.length > 0 ? { taxes } : {}),
  };
}
