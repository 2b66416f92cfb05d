import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BillingSubjects, type InvoicePostedEvent, type ShipmentShippedEvent } from '#contracts';
import { DomainError, OutboxService, RetryLaterError } from '#platform';
import type { BillingOrderEntity } from '../orders/order.entity.js';
import { OrderCopiesService } from '../orders/order-copies.service.js';
import { OpenItemsService } from '../receivables/open-items.service.js';
import { INVOICE_SERIES, takeNextNumber } from './invoice-numbering.js';

type InvoiceLine = InvoicePostedEvent['lines'][number];

/**
 * Two-step billing: posts one invoice per shipped shipment, pricing shipped quantities at
 * the order's unit prices. Runs inside the consumer's transaction, so the invoice, its
 * number, its open item, its `invoice posted` event and the inbox record commit together.
 */
@Injectable()
export class InvoicePostingService {
  constructor(
    private readonly orders: OrderCopiesService,
    private readonly openItems: OpenItemsService,
    private readonly outbox: OutboxService,
  ) {}

  async postForShipment(em: EntityManager, shipment: ShipmentShippedEvent): Promise<void> {
    const order = await this.orders.find(em, shipment.orderId);
    if (!order) throw new RetryLaterError(`Order ${shipment.orderNumber} (${shipment.orderId}) is not known to billing yet`);
    // The inbox stops a redelivered event; this stops the same shipment told twice under new event ids.
    const [existing] = await em.query(`SELECT id FROM billing.invoices WHERE shipment_id = $1`, [shipment.shipmentId]);
    if (existing) return;
    const lines = invoiceLines(order, shipment);
    if (lines.length === 0) return;
    const totalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
    const { seq, number } = await takeNextNumber(em, INVOICE_SERIES);
    const [row]: Array<{ id: string; posted_at: Date }> = await em.query(
      `INSERT INTO billing.invoices (series, seq, number, order_id, order_number, shipment_id, customer_id, currency, total_minor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, posted_at`,
      [INVOICE_SERIES, seq, number, order.id, order.number, shipment.shipmentId, order.customerId, order.currency, totalMinor],
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
    await this.openItems.open(em, { invoiceId: row.id, customerId: order.customerId, currency: order.currency, totalMinor, postedAt });
    const event: InvoicePostedEvent = {
      invoiceId: row.id,
      number,
      series: INVOICE_SERIES,
      orderId: order.id,
      orderNumber: order.number,
      shipmentId: shipment.shipmentId,
      customerId: order.customerId,
      currency: order.currency,
      totalMinor,
      postedAt: postedAt.toISOString(),
      lines,
    };
    await this.outbox.add(em, BillingSubjects.invoicePosted, event);
  }
}

/** Shipped quantity x the order line's unit price, in shipment line order. */
function invoiceLines(order: BillingOrderEntity, shipment: ShipmentShippedEvent): InvoiceLine[] {
  const prices = new Map(order.lines.map((l) => [l.id, l]));
  return shipment.lines
    .filter((line) => line.quantity > 0)
    .map((line) => {
      const orderLine = prices.get(line.orderLineId);
      if (!orderLine) {
        throw new DomainError('VALIDATION_FAILED', `Shipment ${shipment.shipmentNumber} ships line ${line.orderLineId}, which order ${order.number} does not have`, {
          shipmentId: shipment.shipmentId,
          orderLineId: line.orderLineId,
        });
      }
      const lineTotalMinor = line.quantity * orderLine.unitPriceMinor;
      if (!Number.isSafeInteger(lineTotalMinor)) throw new DomainError('VALIDATION_FAILED', `Line ${line.orderLineId} is too large to invoice`);
      return { orderLineId: line.orderLineId, sku: orderLine.sku, quantity: line.quantity, unitPriceMinor: orderLine.unitPriceMinor, lineTotalMinor };
    });
}
