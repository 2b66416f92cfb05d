import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ReturnTotals1700000000224 } from './1700000000224-return-totals.js';

/**
 * Re-opening a processed order: each re-open is a visible record (what billing voided and
 * reversed, what inventory put back), invoices it voided stop counting in the order's
 * money, and nothing is deleted.
 */
export class OrderReversals1700000000225 implements MigrationInterface {
  name = 'OrderReversals1700000000225';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders.order_invoices ADD COLUMN voided_at timestamptz`);
    await q.query(`CREATE TABLE orders.order_reversals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders.orders(id),
      reason text NOT NULL,
      actor text NOT NULL,
      before jsonb NOT NULL,
      billing jsonb NOT NULL,
      inventory jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX order_reversals_order ON orders.order_reversals (order_id, created_at)`);
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
          FROM orders.order_invoices WHERE voided_at IS NULL GROUP BY order_id
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
    await new ReturnTotals1700000000224().up(q);
    await q.query(`DROP TABLE orders.order_reversals`);
    await q.query(`ALTER TABLE orders.order_invoices DROP COLUMN voided_at`);
  }
}
