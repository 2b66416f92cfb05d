import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type Allocation,
  type Currency,
  type FulfillStatus,
  type LineKind,
  type LineStatus,
  type OrderChargeFact,
  OrderNumberPrefixes,
  percentToPpm,
  type OrderType,
  type PaymentMethod,
} from '#contracts';
import { auditActorOf, currentContext, rows } from '#platform';

export interface NewOrder {
  id: string;
  type: OrderType;
  customerId: string;
  currency: Currency;
  customerReference?: string;
  shipFromLocation?: string;
  shipToAddressId?: string;
  prepaid: boolean;
  priority: number;
  refOrderId?: string;
  batchId?: string;
  /** Backorders keep the original order's date. */
  orderDate?: string;
  idempotencyKey?: string;
  recurrence?: object;
  nextRunOn?: string;
  /** Not stored: a counter sale's payment, passed on to billing with the order. */
  paymentMethod?: PaymentMethod;
  /** Not stored here: the customer's payment terms, passed on to billing with the order for its due dates. */
  paymentTerms?: string;
  /** Freight and miscellaneous charges pricing added (placement stores them with the order). */
  charges?: OrderChargeFact[];
}

export interface NewLine {
  id: string;
  lineNo: number;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  priceId: string;
  lineStatus: LineStatus;
  fulfillStatus: FulfillStatus;
  reserved: number;
  backordered: number;
  allocations: Allocation[];
  kind?: LineKind;
  parentLineId?: string;
  description?: string;
  shipFeeMinor?: number;
  quotedUnitPriceMinor?: number;
  refLineId?: string;
  /** The line's tax as pricing worked it out: the rate (percent) and the amount. */
  taxPercent?: number;
  taxMinor?: number;
}

/** Numbers and stores orders and their lines; every order type draws from its own series, in the caller's transaction. */
@Injectable()
export class OrderWriter {
  /** Takes the next number of the type's series; a rolled-back transaction gives it back, so numbers are never reused. */
  async nextNumber(em: EntityManager, type: OrderType): Promise<string> {
    const [{ value }] = await rows<{ value: string }>(
      em,
      `UPDATE orders.counters SET value = value + 1 WHERE name = $1 RETURNING value`,
      [`order:${type}`],
    );
    return `${OrderNumberPrefixes[type]}-${String(value).padStart(6, '0')}`;
  }

  async insert(em: EntityManager, order: NewOrder, lines: NewLine[]): Promise<{ number: string; orderDate: string }> {
    const number = await this.nextNumber(em, order.type);
    const [{ order_date: orderDate }] = await rows<{ order_date: Date }>(
      em,
      `INSERT INTO orders.orders (id, number, type, customer_id, customer_reference, currency, ship_from_location, ship_to_address_id,
                                  prepaid, priority, ref_order_id, batch_id, order_date, idempotency_key, recurrence, next_run_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13::timestamptz, now()), $14, $15, $16, $17) RETURNING order_date`,
      [
        order.id,
        number,
        order.type,
        order.customerId,
        order.customerReference ?? null,
        order.currency,
        order.shipFromLocation ?? null,
        order.shipToAddressId ?? null,
        order.prepaid,
        order.priority,
        order.refOrderId ?? null,
        order.batchId ?? null,
        order.orderDate ?? null,
        order.idempotencyKey ?? null,
        order.recurrence ? JSON.stringify(order.recurrence) : null,
        order.nextRunOn ?? null,
        auditActorOf(currentContext()?.caller),
      ],
    );
    await this.insertLines(em, order.id, lines);
    await this.insertCharges(em, order.id, order.charges ?? []);
    return { number, orderDate: new Date(orderDate).toISOString() };
  }

  async insertLines(em: EntityManager, orderId: string, lines: NewLine[]): Promise<void> {
    if (lines.length === 0) return;
    const col = <T>(pick: (l: NewLine) => T) => lines.map(pick);
    await em.query(
      `INSERT INTO orders.order_lines (id, order_id, line_no, sku, quantity, unit_price_minor, price_id, line_status, fulfill_status,
                                        reserved_quantity, backordered_quantity, allocations, kind, parent_line_id, description,
                                        ship_fee_minor, quoted_unit_price_minor, ref_line_id, tax_ppm, tax_minor)
       SELECT t.id, $1, t.line_no, t.sku, t.quantity, t.unit_price, t.price_id, t.line_status, t.fulfill_status, t.reserved, t.backordered,
              t.allocations, t.kind, t.parent_line_id, t.description, t.ship_fee, t.quoted, t.ref_line_id, t.tax_ppm, t.tax_minor
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::int[], $11::int[],
                     $12::jsonb[], $13::text[], $14::uuid[], $15::text[], $16::bigint[], $17::bigint[], $18::uuid[], $19::int[], $20::bigint[])
           AS t(id, line_no, sku, quantity, unit_price, price_id, line_status, fulfill_status, reserved, backordered, allocations, kind,
                parent_line_id, description, ship_fee, quoted, ref_line_id, tax_ppm, tax_minor)`,
      [
        orderId,
        col((l) => l.id),
        col((l) => l.lineNo),
        col((l) => l.sku),
        col((l) => l.quantity),
        col((l) => l.unitPriceMinor),
        col((l) => l.priceId),
        col((l) => l.lineStatus),
        col((l) => l.fulfillStatus),
        col((l) => l.reserved),
        col((l) => l.backordered),
        col((l) => JSON.stringify(l.allocations)),
        col((l) => l.kind ?? 'ITEM'),
        col((l) => l.parentLineId ?? null),
        col((l) => l.description ?? null),
        col((l) => l.shipFeeMinor ?? 0),
        col((l) => l.quotedUnitPriceMinor ?? null),
        col((l) => l.refLineId ?? null),
        col((l) => (l.taxPercent === undefined ? null : percentToPpm(l.taxPercent))),
        col((l) => l.taxMinor ?? 0),
      ],
    );
  }

  /** The order's freight and miscellaneous charges, numbered from 1 in pricing's order. */
  async insertCharges(em: EntityManager, orderId: string, charges: OrderChargeFact[]): Promise<void> {
    if (charges.length === 0) return;
    await em.query(
      `INSERT INTO orders.order_charges (order_id, charge_no, kind, code, description, amount_minor, tax_ppm, tax_minor)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[], $8::bigint[])`,
      [
        orderId,
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
}
