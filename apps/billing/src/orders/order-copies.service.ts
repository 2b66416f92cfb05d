import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type LinesChangedEvent, type OrderPlacedEvent, percentToPpm } from '#contracts';
import { maybeRow, RetryLaterError } from '#platform';
import { type OrderCopy, readOrderCopy } from './order.rows.js';

/** Keeps billing's copy of placed orders, the only order data invoicing reads. */
@Injectable()
export class OrderCopiesService {
  /** Stores the order and its line prices; a second copy of the same order changes nothing. */
  async record(em: EntityManager, order: OrderPlacedEvent): Promise<void> {
    await em.query(
      `INSERT INTO billing.orders (id, number, customer_id, currency, order_date, type, prepaid, payment_terms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        order.orderId,
        order.number,
        order.customerId,
        order.currency,
        order.orderDate,
        order.type ?? 'ORDER',
        order.prepaid ?? false,
        order.paymentTerms ?? null,
      ],
    );
    if (order.lines.length === 0) return;
    await em.query(
      `INSERT INTO billing.order_lines (id, order_id, line_no, sku, quantity, unit_price_minor, kind, parent_line_id, tax_ppm, ship_fee_minor)
       SELECT id, $1::uuid, line_no, sku, quantity, unit_price_minor, kind, parent_line_id, tax_ppm, ship_fee_minor
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::uuid[], $9::int[], $10::bigint[])
           AS l(id, line_no, sku, quantity, unit_price_minor, kind, parent_line_id, tax_ppm, ship_fee_minor)
       ON CONFLICT (id) DO NOTHING`,
      [
        order.orderId,
        order.lines.map((l) => l.lineId),
        order.lines.map((l) => l.lineNo),
        order.lines.map((l) => l.sku),
        order.lines.map((l) => l.quantity),
        order.lines.map((l) => l.unitPriceMinor),
        order.lines.map((l) => l.kind ?? 'ITEM'),
        order.lines.map((l) => l.parentLineId ?? null),
        order.lines.map((l) => (l.taxPercent === undefined ? null : percentToPpm(l.taxPercent))),
        order.lines.map((l) => l.shipFeeMinor ?? 0),
      ],
    );
    const charges = order.charges ?? [];
    if (charges.length === 0) return;
    await em.query(
      `INSERT INTO billing.order_charges (order_id, charge_no, kind, code, description, amount_minor, tax_ppm, tax_minor)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[], $8::bigint[])
       ON CONFLICT (order_id, charge_no) DO NOTHING`,
      [
        order.orderId,
        charges.map((c) => c.chargeNo),
        charges.map((c) => c.kind),
        charges.map((c) => c.code),
        charges.map((c) => c.description),
        charges.map((c) => c.amountMinor),
        charges.map((c) => (c.taxPercent === undefined ? null : percentToPpm(c.taxPercent))),
        charges.map((c) => c.taxMinor),
      ],
    );
  }

  /** Follows edits of an order's lines: billing invoices at the price and quantity the line has now. */
  async applyLineChanges(em: EntityManager, change: LinesChangedEvent): Promise<void> {
    switch (change.action) {
      case 'REMOVED':
        await this.assertKnown(em, change);
        await em.query(
          `DELETE FROM billing.order_lines l WHERE id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM billing.invoice_lines i WHERE i.order_line_id = l.id)`,
          [change.lines.map((line) => line.lineId)],
        );
        return;
      case 'CHANGED':
      case 'ADDED':
        await this.assertKnown(em, change);
        for (const line of change.lines) {
          // A changed line keeps its number (the upsert leaves line_no alone); an added one brings it.
          const lineNo = 'lineNo' in line ? line.lineNo : 0;
          await em.query(
            `INSERT INTO billing.order_lines (id, order_id, line_no, sku, quantity, unit_price_minor) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO UPDATE SET quantity = EXCLUDED.quantity, unit_price_minor = EXCLUDED.unit_price_minor`,
            [line.lineId, change.orderId, lineNo, line.sku, line.quantity, line.unitPriceMinor],
          );
        }
        return;
      case 'PRE_SHIPPED':
        // Pre-shipping a line removes its shipping fee in orders ("will eliminate the shipping fee"): it is not billed.
        await this.assertKnown(em, change);
        await em.query(`UPDATE billing.order_lines SET ship_fee_minor = 0 WHERE id = ANY($1::uuid[])`, [
          change.lines.map((line) => line.lineId),
        ]);
        return;
      default:
        return;
    }
  }

  private async assertKnown(em: EntityManager, change: LinesChangedEvent): Promise<void> {
    const order = await maybeRow<{ id: string }>(em, `SELECT id FROM billing.orders WHERE id = $1`, [change.orderId]);
    if (!order) throw new RetryLaterError(`Order ${change.orderNumber} is not known to billing yet`);
  }

  /** The order with its lines, or undefined when its `order placed` event has not arrived yet. */
  find(em: EntityManager, orderId: string): Promise<OrderCopy | undefined> {
    return readOrderCopy(em, orderId);
  }
}
