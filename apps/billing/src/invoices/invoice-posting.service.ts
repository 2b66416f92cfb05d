import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BillingSubjects,
  type InvoicePostedEvent,
  isBilledAtEntry,
  type LinesChangedEvent,
  type OrderLinesShippedEvent,
  type OrderPlacedEvent,
  orderTypeRule,
} from '#contracts';
import { DomainError, maybeRow, OutboxService, RetryLaterError, rows } from '#platform';
import type { OrderCopy } from '../orders/order.rows.js';
import { OrderCopiesService } from '../orders/order-copies.service.js';
import { OpenItemsService } from '../receivables/open-items.service.js';
import { INVOICE_SERIES, takeNextNumber } from './invoice-numbering.js';

type InvoiceLine = InvoicePostedEvent['lines'][number];

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
    const lines = invoiceLines(order, billable);
    if (lines.length === 0) return;
    const totalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
    const { seq, number } = await takeNextNumber(em, INVOICE_SERIES);
    const [row] = await rows<{ id: string; posted_at: Date }>(
      em,
      `INSERT INTO billing.invoices (series, seq, number, order_id, order_number, shipment_id, source, customer_id, currency, total_minor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, posted_at`,
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
      ],
    );
    await em.query(
      `INSERT INTO billing.invoice_lines (invoice_id, line_no, order_line_id, sku, quantity, unit_price_minor, line_total_minor)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::uuid[], $4::text[], $5::int[], $6::bigint[], $7::bigint[])`,
      [
        row.id,
        lines.map((_, i) => i + 1),
        lines.map((l) => l.orderLineId),
        lines.map((l) => l.sku),
        lines.map((l) => l.quantity),
        lines.map((l) => l.unitPriceMinor),
        lines.map((l) => l.lineTotalMinor),
      ],
    );
    const postedAt = new Date(row.posted_at);
    await this.openItems.open(em, {
      invoiceId: row.id,
      customerId: order.customer_id,
      currency: order.currency,
      totalMinor,
      postedAt,
    });
    const event: InvoicePostedEvent = {
      invoiceId: row.id,
      number,
      series: INVOICE_SERIES,
      orderId: order.id,
      orderNumber: order.number,
      shipmentId: billable.shipmentId,
      customerId: order.customer_id,
      currency: order.currency,
      totalMinor,
      postedAt: postedAt.toISOString(),
      lines,
    };
    await this.outbox.add(em, BillingSubjects.invoicePosted, event);
  }
}

interface Billable {
  source: string;
  shipmentId?: string;
  what: string;
  lines: Array<{ orderLineId: string; quantity: number }>;
}

/** Billed quantity x the order line's unit price, in the billable's line order. */
function invoiceLines(order: OrderCopy, billable: Billable): InvoiceLine[] {
  const prices = new Map(order.lines.map((l) => [l.id, l]));
  return billable.lines
    .filter((line) => line.quantity > 0)
    .map((line) => {
      const orderLine = prices.get(line.orderLineId);
      if (!orderLine) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `${billable.what} bills line ${line.orderLineId}, which order ${order.number} does not have`,
          {
            source: billable.source,
            orderLineId: line.orderLineId,
          },
        );
      }
      const lineTotalMinor = line.quantity * orderLine.unit_price_minor;
      if (!Number.isSafeInteger(lineTotalMinor))
        throw new DomainError('VALIDATION_FAILED', `Line ${line.orderLineId} is too large to invoice`);
      return {
        orderLineId: line.orderLineId,
        sku: orderLine.sku,
        quantity: line.quantity,
        unitPriceMinor: orderLine.unit_price_minor,
        lineTotalMinor,
      };
    });
}
