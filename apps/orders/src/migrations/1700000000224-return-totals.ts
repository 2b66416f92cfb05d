import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OrderSummaries1700000000221 } from './1700000000221-order-summaries.js';

/** A Return's total is what it credits: the goods coming back less its handling charge. */
export class ReturnTotals1700000000224 implements MigrationInterface {
  name = 'ReturnTotals1700000000224';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE VIEW orders.order_summaries AS
      WITH line_facts AS (
        SELECT l.order_id,
               count(*) FILTER (WHERE l.line_status <> 'CANCELLED') AS live,
               coalesce(sum(l.unit_price_minor * (l.quantity - l.moved_quantity) * CASE WHEN l.kind = 'CHARGE' AND ot.type = 'RETURN' THEN -1 ELSE 1 END)
                 FILTER (WHERE l.line_status <> 'CANCELLED' AND l.kind <> 'COMPONENT'), 0) AS total_minor,
               bool_and(l.invoiced_quantity >= l.quantity - l.moved_quantity) FILTER (WHERE l.line_status <> 'CANCELLED') AS all_invoiced,
               bool_or(l.invoiced_quantity > 0) AS any_invoiced,
               bool_and(l.shipped_quantity >= l.quantity - l.moved_quantity
                        OR l.fulfill_status IN ('SHIPPED', 'PRE_SHIPPED', 'RETURNED', 'STANDING_ORDER_TERMINATED'))
                 FILTER (WHERE l.line_status <> 'CANCELLED') AS all_shipped,
               bool_or(l.shipped_quantity > 0 OR l.fulfill_status IN ('SHIPPED', 'PRE_SHIPPED')) AS any_shipped,
               bool_or(l.line_status = 'BACK_ORDERED') AS any_backordered
          FROM orders.order_lines l JOIN orders.orders ot ON ot.id = l.order_id
         WHERE l.kind <> 'COMPONENT'
         GROUP BY l.order_id
      ), money AS (
        SELECT order_id, sum(total_minor) AS invoiced_minor, sum(paid_minor) AS paid_minor
          FROM orders.order_invoices GROUP BY order_id
      )
      SELECT o.id AS order_id,
             coalesce(f.total_minor, 0)::bigint AS total_minor,
             coalesce(m.invoiced_minor, 0)::bigint AS invoiced_minor,
             coalesce(m.paid_minor, 0)::bigint AS paid_minor,
             CASE
               WHEN o.type = 'QUOTE' THEN 'QUOTE'
               WHEN o.type = 'RECURRING' THEN 'TEMPLATE'
               WHEN o.cancelled_at IS NOT NULL OR coalesce(f.live, 0) = 0 THEN 'CANCELLED'
               WHEN o.type = 'LOSS_RESHIPMENT' AND f.all_shipped THEN 'CLOSED'
               WHEN o.type IN ('RETURN', 'CREDIT_MEMO') AND f.all_invoiced THEN 'CLOSED'
               WHEN f.all_invoiced AND coalesce(m.invoiced_minor, 0) > 0 AND coalesce(m.paid_minor, 0) >= m.invoiced_minor THEN 'PAID'
               WHEN f.all_invoiced AND f.any_invoiced THEN 'INVOICED'
               WHEN f.any_invoiced THEN 'PARTLY_INVOICED'
               WHEN f.all_shipped THEN 'SHIPPED'
               WHEN f.any_shipped THEN 'PARTLY_SHIPPED'
               WHEN f.any_backordered THEN 'BACK_ORDERED'
               ELSE 'OPEN'
             END AS status
        FROM orders.orders o
        LEFT JOIN line_facts f ON f.order_id = o.id
        LEFT JOIN money m ON m.order_id = o.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await new OrderSummariesBefore().up(q);
  }
}

/** The view as 1700000000221 made it. */
class OrderSummariesBefore {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW orders.order_summaries`);
    await new OrderSummaries1700000000221().up(q);
  }
}
