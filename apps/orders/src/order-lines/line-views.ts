import { Injectable } from '@nestjs/common';
import type { LineEditReply, OrderStatus } from '#contracts';
import { DomainError, type Queryable, rows } from '#platform';
import { type LineRow, toLineView } from '../orders/order-reader.js';

/** The small answer to a line edit: the line and the order's derived status and total. */
@Injectable()
export class LineViews {
  async reply(db: Queryable, orderId: string, lineId?: string): Promise<LineEditReply> {
    const [order] = await rows<{ number: string; status: OrderStatus; total_minor: string }>(
      db,
      `SELECT o.number, s.status, s.total_minor FROM orders.orders o JOIN orders.order_summaries s ON s.order_id = o.id WHERE o.id = $1`,
      [orderId],
    );
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `No order with id ${orderId}`, { id: orderId });
    const [line] = lineId ? await rows<LineRow>(db, `SELECT * FROM orders.order_lines WHERE id = $1`, [lineId]) : [];
    return {
      orderId,
      orderNumber: order.number,
      status: order.status,
      totalMinor: Number(order.total_minor),
      line: line ? toLineView(line) : undefined,
    };
  }
}
