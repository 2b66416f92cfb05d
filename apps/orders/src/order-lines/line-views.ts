import { Injectable } from '@nestjs/common';
import type { LineEditReply } from '#contracts';
import { DomainError, type Queryable, rows } from '#platform';
import {
  SUMMARY_COLUMNS,
  summaryJoin,
  type OrderSummaryRow,
  toSummary,
} from '../orders/derived-status/order-status.js';
import { type LineRow, toLineView } from '../orders/order-reader.js';

/** The small answer to a line edit: the line and the order's derived status and total. */
@Injectable()
export class LineViews {
  async reply(db: Queryable, orderId: string, lineId?: string): Promise<LineEditReply> {
    const [order] = await rows<OrderSummaryRow & { number: string }>(
      db,
      `SELECT o.number, ${SUMMARY_COLUMNS} FROM orders.orders o ${summaryJoin('o.id')} WHERE o.id = $1`,
      [orderId],
    );
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `No order with id ${orderId}`, { id: orderId });
    const [line] = lineId ? await rows<LineRow>(db, `SELECT * FROM orders.order_lines WHERE id = $1`, [lineId]) : [];
    const { status, totalMinor } = toSummary(order);
    return {
      orderId,
      orderNumber: order.number,
      status,
      totalMinor,
      line: line ? toLineView(line) : undefined,
    };
  }
}
