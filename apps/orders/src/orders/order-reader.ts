import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Allocation,
  type Caller,
  type Currency,
  type FulfillStatus,
  type KnownOrdersReply,
  type LineKind,
  type LineStatus,
  type ListOrdersRequest,
  type OrderChargeView,
  type OrderLineView,
  type OrderRef,
  type OrderType,
  type OrderView,
  type Page,
  ppmToPercent,
  type RecurrenceView,
} from '#contracts';
import { DomainError, rows, type Queryable } from '#platform';
import {
  type ChainOrder,
  openBackorderOf,
  SUMMARY_COLUMNS,
  summaryJoin,
  type OrderSummaryRow,
  toSummary,
} from './derived-status/order-status.js';

interface OrderRow extends OrderSummaryRow {
  id: string;
  number: string;
  type: OrderType;
  customer_id: string;
  customer_reference: string | null;
  currency: Currency;
  order_date: Date;
  priority: number;
  ship_from_location: string | null;
  ship_to_address_id: string | null;
  batch_id: string | null;
  recurrence: Omit<RecurrenceView, 'nextRunOn'> | null;
  next_run_on: string | null;
  ref_order_id: string | null;
}

export interface LineRow {
  id: string;
  order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  unit_price_minor: string;
  price_id: string;
  line_status: LineStatus;
  fulfill_status: FulfillStatus;
  reserved_quantity: number;
  backordered_quantity: number;
  shipped_quantity: number;
  invoiced_quantity: number;
  allocations: Allocation[];
  kind: LineKind;
  parent_line_id: string | null;
  description: string | null;
  ship_fee_minor: string;
  quoted_unit_price_minor: string | null;
  returned_quantity: number;
  moved_quantity: number;
  tax_ppm: number | null;
  tax_minor: number;
}

/** A row of `orders.order_charges`. */
interface ChargeRow {
  order_id: string;
  charge_no: number;
  kind: 'FREIGHT' | 'MISC';
  code: string;
  description: string;
  amount_minor: number;
  tax_ppm: number | null;
  tax_minor: number;
}

const ORDER_COLUMNS = `o.id, o.number, o.type, o.customer_id, o.customer_reference, o.currency, o.order_date, o.priority,
  o.ship_from_location, o.ship_to_address_id, o.batch_id, o.recurrence, to_char(o.next_run_on, 'YYYY-MM-DD') AS next_run_on,
  o.ref_order_id, ${SUMMARY_COLUMNS}`;

/** Reads orders as OrderViews: lines with both statuses, the derived status and the Ref Order ID chain. */
@Injectable()
export class OrderReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Which of these orders are committed; inventory asks it about reservations no `order placed` confirmed. */
  async known(orderIds: string[]): Promise<KnownOrdersReply> {
    const found = await rows<{ id: string; number: string; order_date: Date; type: OrderType }>(
      this.dataSource,
      `SELECT id, number, order_date, type FROM orders.orders WHERE id = ANY($1::uuid[])`,
      [orderIds],
    );
    return {
      known: found.map((o) => ({
        orderId: o.id,
        number: o.number,
        orderDate: new Date(o.order_date).toISOString(),
        type: o.type,
      })),
    };
  }

  async get(id: string, caller?: Caller, db: Queryable = this.dataSource): Promise<OrderView> {
    const [order] = await this.views(db, `WHERE o.id = $1`, [id]);
    if (!order || (caller?.role === 'customer' && caller.customerId !== order.customerId)) {
      throw new DomainError('ORDER_NOT_FOUND', `No order with id ${id}`, { id });
    }
    return order;
  }

  async findByIdempotencyKey(key: string): Promise<OrderView | undefined> {
    // Almost always a miss: look for the id first, read the whole order only on a hit.
    const [hit] = await rows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM orders.orders WHERE idempotency_key = $1`,
      [key],
    );
    return hit ? this.get(hit.id) : undefined;
  }

  async list(filter: ListOrdersRequest, caller?: Caller): Promise<Page<OrderView>> {
    const limit = filter.limit ?? 20;
    const offset = filter.offset ?? 0;
    const customerId =
      caller?.role === 'customer' ? (caller.customerId ?? '00000000-0000-0000-0000-000000000000') : filter.customerId;
    const where = `WHERE ($1::uuid IS NULL OR o.customer_id = $1) AND ($2::text IS NULL OR o.type = $2) AND ($3::text IS NULL OR s.status = $3)
      AND ($4::date IS NULL OR o.order_date >= $4::date) AND ($5::date IS NULL OR o.order_date < $5::date + 1) AND ($6::uuid IS NULL OR o.batch_id = $6)`;
    const params = [
      customerId ?? null,
      filter.type ?? null,
      filter.status ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.batchId ?? null,
    ];
    const items = await this.views(
      this.dataSource,
      `${where} ORDER BY o.order_date DESC, o.number DESC LIMIT $7 OFFSET $8`,
      [...params, limit, offset],
    );
    const [{ count }] = await rows<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM orders.orders o ${summaryJoin('o.id')} ${where}`,
      params,
    );
    return { items, total: count, limit, offset };
  }

  /**
   * An order, its lines and its derived status are read in one snapshot (REPEATABLE READ),
   * so a consumer committing between the queries can never show a status its lines contradict.
   */
  private async views(db: Queryable, where: string, params: unknown[]): Promise<OrderView[]> {
    if (db !== this.dataSource) return this.viewsIn(db, where, params);
    return this.dataSource.transaction('REPEATABLE READ', (em) => this.viewsIn(em, where, params));
  }

  private async viewsIn(db: Queryable, where: string, params: unknown[]): Promise<OrderView[]> {
    const orders = await rows<OrderRow>(
      db,
      `SELECT ${ORDER_COLUMNS} FROM orders.orders o ${summaryJoin('o.id')} ${where}`,
      params,
    );
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    // One connection inside the snapshot: the reads run one after the other (pg queues, and warns
    // about, queries sent to a client that is still busy).
    const lines = await rows<LineRow>(
      db,
      `SELECT * FROM orders.order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, line_no`,
      [ids],
    );
    const related = await rows<ChainOrder>(
      db,
      `SELECT r.id, r.number, r.type, r.ref_order_id, s.status
         FROM orders.orders r ${summaryJoin('r.id')}
        WHERE r.ref_order_id = ANY($1::uuid[]) OR r.id = ANY($2::uuid[]) OR r.ref_order_id = ANY($2::uuid[])
        ORDER BY r.number`,
      [ids, orders.map((o) => o.ref_order_id).filter(Boolean)],
    );
    const charges = await rows<ChargeRow>(
      db,
      `SELECT order_id, charge_no, kind, code, description, amount_minor, tax_ppm, tax_minor
         FROM orders.order_charges WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, charge_no`,
      [ids],
    );
    const chargesByOrder = new Map<string, OrderChargeView[]>();
    for (const row of charges)
      chargesByOrder.set(row.order_id, [...(chargesByOrder.get(row.order_id) ?? []), toChargeView(row)]);
    const linesByOrder = new Map<string, OrderLineView[]>();
    for (const row of lines) {
      const list = linesByOrder.get(row.order_id) ?? [];
      list.push(toLineView(row));
      linesByOrder.set(row.order_id, list);
    }
    const ref = (r: OrderRef): OrderRef => ({ id: r.id, number: r.number, type: r.type });
    return orders.map((o) => {
      const summary = toSummary(o);
      const orderLines = linesByOrder.get(o.id) ?? [];
      const orderCharges = chargesByOrder.get(o.id) ?? [];
      const chargesMinor =
        orderCharges.reduce((sum, c) => sum + c.amountMinor, 0) +
        orderLines.reduce((sum, l) => sum + l.shipFeeMinor, 0);
      const taxMinor =
        orderCharges.reduce((sum, c) => sum + c.taxMinor, 0) + orderLines.reduce((sum, l) => sum + l.taxMinor, 0);
      return {
        id: o.id,
        number: o.number,
        type: o.type,
        customerId: o.customer_id,
        customerReference: o.customer_reference ?? undefined,
        currency: o.currency.trim() as Currency,
        status: summary.status,
        orderDate: new Date(o.order_date).toISOString(),
        totalMinor: summary.totalMinor,
        charges: orderCharges,
        chargesMinor,
        taxMinor,
        grandTotalMinor: summary.totalMinor + chargesMinor + taxMinor,
        invoicedMinor: summary.invoicedMinor,
        paidMinor: summary.paidMinor,
        priority: o.priority,
        shipFromLocation: o.ship_from_location ?? undefined,
        shipToAddressId: o.ship_to_address_id ?? undefined,
        batchId: o.batch_id ?? undefined,
        recurrence: o.recurrence ? { ...o.recurrence, nextRunOn: o.next_run_on ?? undefined } : undefined,
        references: {
          parent: related.filter((r) => r.id === o.ref_order_id).map(ref)[0],
          children: related.filter((r) => r.ref_order_id === o.id).map(ref),
        },
        restBackordered: summary.restBackordered,
        openBackorder: summary.restBackordered ? openBackorderOf(o, related) : undefined,
        lines: orderLines,
      };
    });
  }
}

/**
 * What inventory holds for the line now, not what it reserved at entry: a cancelled or
 * terminated line's reservation was released, a pre-shipped line's was handed over, shipped
 * units left stock, and units moved to a Backorder took their reservation with them.
 */
export function heldInStock(
  row: Pick<LineRow, 'line_status' | 'fulfill_status' | 'reserved_quantity' | 'shipped_quantity' | 'moved_quantity'>,
): number {
  if (row.line_status === 'CANCELLED') return 0;
  if (row.fulfill_status === 'STANDING_ORDER_TERMINATED' || row.fulfill_status === 'PRE_SHIPPED') return 0;
  return Math.max(row.reserved_quantity - row.shipped_quantity - row.moved_quantity, 0);
}

function toChargeView(row: ChargeRow): OrderChargeView {
  return {
    kind: row.kind,
    code: row.code,
    description: row.description,
    amountMinor: row.amount_minor,
    taxMinor: row.tax_minor,
    ...(row.tax_ppm === null ? {} : { taxPercent: ppmToPercent(row.tax_ppm) }),
  };
}

export function toLineView(row: LineRow): OrderLineView {
  const unit = Number(row.unit_price_minor);
  return {
    id: row.id,
    lineNo: row.line_no,
    sku: row.sku,
    quantity: row.quantity,
    unitPriceMinor: unit,
    lineTotalMinor: unit * row.quantity,
    priceId: row.price_id,
    lineStatus: row.line_status,
    fulfillStatus: row.fulfill_status,
    reservedQuantity: heldInStock(row),
    backorderedQuantity: row.backordered_quantity,
    shippedQuantity: row.shipped_quantity,
    invoicedQuantity: row.invoiced_quantity,
    allocations: row.allocations,
    kind: row.kind,
    parentLineId: row.parent_line_id ?? undefined,
    description: row.description ?? undefined,
    shipFeeMinor: Number(row.ship_fee_minor),
    taxMinor: row.tax_minor,
    ...(row.tax_ppm === null ? {} : { taxPercent: ppmToPercent(row.tax_ppm) }),
    quotedUnitPriceMinor: row.quoted_unit_price_minor === null ? undefined : Number(row.quoted_unit_price_minor),
    returnedQuantity: row.returned_quantity,
    movedQuantity: row.moved_quantity,
  };
}
