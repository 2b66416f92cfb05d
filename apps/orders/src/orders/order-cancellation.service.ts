import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type LinesChangedEvent, OrdersSubjects, type OrderType, orderTypeRule, type OrderView } from '#contracts';
import { DomainError, OutboxService, rows } from '#platform';
import { assertUnprocessed, type LockedLine, remaining } from '../order-lines/line-actions.service.js';
import { moveLineStatus } from '../order-lines/line-moves.js';
import { OrderReader } from './order-reader.js';
import { StockRelease } from './stock-release.js';

/** Cancels a whole order while nothing on it has been processed (picked, shipped, invoiced or paid). */
@Injectable()
export class OrderCancellationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly reader: OrderReader,
    private readonly release: StockRelease,
  ) {}

  async cancel(orderId: string): Promise<OrderView> {
    const stocked = await this.dataSource.transaction(async (em) => {
      const [order] = await rows<{ number: string; type: OrderType; cancelled_at: Date | null }>(
        em,
        `SELECT number, type, cancelled_at FROM orders.orders WHERE id = $1 FOR UPDATE`,
        [orderId],
      );
      if (!order) throw new DomainError('ORDER_NOT_FOUND', `No order with id ${orderId}`, { id: orderId });
      if (order.cancelled_at) throw new DomainError('ILLEGAL_TRANSITION', `${order.number} is already cancelled`);
      const [{ count }] = await rows<{ count: number }>(
        em,
        `SELECT count(*)::int AS count FROM orders.order_invoices WHERE order_id = $1`,
        [orderId],
      );
      if (count > 0)
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          `${order.number} has been invoiced; re-open it instead of cancelling`,
        );
      const lines = await rows<LockedLine>(
        em,
        `SELECT l.id, l.order_id, $2::text AS order_number, $3::text AS order_type, l.sku, l.quantity, l.line_status, l.fulfill_status,
                l.shipped_quantity, l.invoiced_quantity, l.moved_quantity, l.ship_fee_minor
           FROM orders.order_lines l WHERE l.order_id = $1 ORDER BY l.id FOR UPDATE`,
        [orderId, order.number, order.type],
      );
      const live = lines.filter((l) => l.line_status !== 'CANCELLED');
      for (const line of live) assertUnprocessed(line);
      await em.query(`UPDATE orders.orders SET cancelled_at = now() WHERE id = $1`, [orderId]);
      await moveLineStatus(em, live, 'CANCELLED');
      // Nothing was reserved or announced for a type that holds no stock (a quote, a template).
      if (!orderTypeRule(order.type).reservesStock || live.length === 0) return false;
      const event: LinesChangedEvent = {
        orderId,
        orderNumber: order.number,
        action: 'CANCELLED',
        lines: live.map((l) => ({ lineId: l.id, sku: l.sku, quantity: remaining(l) })),
      };
      await this.outbox.add(em, OrdersSubjects.linesChanged, event);
      return true;
    });
    if (stocked) await this.release.now(orderId);
    return this.reader.get(orderId);
  }
}
