import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Allocation, Caller, Currency, FulfillStatus, LineStatus, OrderLineView, OrderView, Page } from '#contracts';
import { DomainError } from '#platform';
import { deriveOrderStatus } from './order-status.js';

interface OrderRow {
  id: string;
  number: string;
  type: 'ORDER';
  customer_id: string;
  customer_reference: string | null;
  currency: Currency;
  order_date: Date;
}

interface LineRow {
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
}

/** Reads orders as OrderViews: lines with both statuses and the derived order status. */
@Injectable()
export class OrderReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string, caller?: Caller): Promise<OrderView> {
    const [order] = await this.views(`WHERE o.id = $1`, [id]);
    if (!order || (caller?.role === 'customer' && caller.customerId !== order.customerId)) {
      throw new DomainError('ORDER_NOT_FOUND', `No order with id ${id}`, { id });
    }
    return order;
  }

  async findByIdempotencyKey(key: string): Promise<OrderView | undefined> {
    const [order] = await this.views(`WHERE o.idempotency_key = $1`, [key]);
    return order;
  }

  async list(filter: { customerId?: string; limit?: number; offset?: number }, caller?: Caller): Promise<Page<OrderView>> {
    const limit = filter.limit ?? 20;
    const offset = filter.offset ?? 0;
    const customerId = caller?.role === 'customer' ? (caller.customerId ?? '00000000-0000-0000-0000-000000000000') : filter.customerId;
    const where = `WHERE ($1::uuid IS NULL OR o.customer_id = $1)`;
    const items = await this.views(`${where} ORDER BY o.order_date DESC, o.number DESC LIMIT $2 OFFSET $3`, [customerId ?? null, limit, offset]);
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM orders.orders o ${where}`, [customerId ?? null]);
    return { items, total: count, limit, offset };
  }

  private async views(where: string, params: unknown[]): Promise<OrderView[]> {
    const orders: OrderRow[] = await this.dataSource.query(
      `SELECT o.id, o.number, o.type, o.customer_id, o.customer_reference, o.currency, o.order_date FROM orders.orders o ${where}`,
      params,
    );
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    const [lines, invoices]: [LineRow[], Array<{ order_id: string; invoiced: string; paid: string }>] = await Promise.all([
      this.dataSource.query(`SELECT * FROM orders.order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, line_no`, [ids]),
      this.dataSource.query(
        `SELECT order_id, sum(total_minor) AS invoiced, sum(paid_minor) AS paid FROM orders.order_invoices
          WHERE order_id = ANY($1::uuid[]) GROUP BY order_id`,
        [ids],
      ),
    ]);
    const linesByOrder = new Map<string, OrderLineView[]>();
    for (const row of lines) {
      const list = linesByOrder.get(row.order_id) ?? [];
      list.push(toLineView(row));
      linesByOrder.set(row.order_id, list);
    }
    const money = new Map(invoices.map((i) => [i.order_id, { invoiced: Number(i.invoiced), paid: Number(i.paid) }]));
    return orders.map((o) => {
      const orderLines = linesByOrder.get(o.id) ?? [];
      const { invoiced, paid } = money.get(o.id) ?? { invoiced: 0, paid: 0 };
      return {
        id: o.id,
        number: o.number,
        type: o.type,
        customerId: o.customer_id,
        customerReference: o.customer_reference ?? undefined,
        currency: o.currency,
        status: deriveOrderStatus(orderLines, invoiced, paid),
        orderDate: new Date(o.order_date).toISOString(),
        totalMinor: orderLines.reduce((sum, l) => sum + (l.lineStatus === 'CANCELLED' ? 0 : l.lineTotalMinor), 0),
        invoicedMinor: invoiced,
        paidMinor: paid,
        lines: orderLines,
      };
    });
  }
}

function toLineView(row: LineRow): OrderLineView {
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
    reservedQuantity: row.reserved_quantity,
    backorderedQuantity: row.backordered_quantity,
    shippedQuantity: row.shipped_quantity,
    invoicedQuantity: row.invoiced_quantity,
    allocations: row.allocations,
  };
}
