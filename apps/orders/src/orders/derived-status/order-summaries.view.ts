/**
 * The status an order shows at a glance, derived from its lines, its invoices and its type's
 * rules every time it is read, never stored, so it cannot drift. This is the one definition
 * of the `orders.order_summaries` view; migrations create the view from it (first
 * 1700000000240). To change a case, change it here and add a migration that drops the view
 * and runs {@link ORDER_SUMMARIES_VIEW} again; the view may read only columns that exist when the
 * first such migration runs on a new database (a case that needs a new column gets the
 * column in a migration before it).
 *
 * The first case that holds wins ("lines" are the order's live lines, not cancelled and not
 * kit components, each counted net of what moved to a Backorder; the type's rules are
 * `orders.order_types`, copied from `OrderTypeRules` in contracts):
 *
 * | # | status            | when                                                                                   |
 * |---|-------------------|----------------------------------------------------------------------------------------|
 * | 1 | QUOTE / TEMPLATE  | its type has a fixed status: a quote is always QUOTE, a recurring template TEMPLATE     |
 * | 2 | CANCELLED         | the order was cancelled, or every line of it was                                       |
 * | 3 | CLOSED            | a type that closes when shipped (loss/reshipment) and every line shipped               |
 * | 4 | CLOSED            | a type that credits (return, credit memo) and every line is credited                    |
 * | 5 | PAID              | every line invoiced, and what was invoiced (not voided) is paid in full                  |
 * | 6 | INVOICED          | every line invoiced, something was                                                      |
 * | 7 | PARTLY_INVOICED   | something is invoiced                                                                   |
 * | 8 | SHIPPED           | every line shipped or handed over (pre-shipped, returned, standing order terminated)    |
 * | 9 | PARTLY_SHIPPED    | something shipped or was handed over                                                    |
 * |10 | BACK_ORDERED      | a line waits for stock                                                                  |
 * |11 | OPEN              | otherwise                                                                               |
 *
 * Beside the status: the order's total (what it sells, or for a type whose charges reduce its
 * total, what it credits: a Return's goods less its handling charge), what was invoiced and
 * paid (voided invoices left out), and `rest_backordered`: part of some line moved to a
 * Backorder, so INVOICED or PAID speaks only for what stayed on this order.
 */
export const ORDER_SUMMARIES_VIEW = `CREATE VIEW orders.order_summaries AS
  WITH line_facts AS (
    SELECT l.order_id,
           count(*) FILTER (WHERE l.line_status <> 'CANCELLED') AS live,
           coalesce(sum(l.unit_price_minor * (l.quantity - l.moved_quantity)
                        * CASE WHEN l.kind = 'CHARGE' AND t.charges_reduce_total THEN -1 ELSE 1 END)
                      FILTER (WHERE l.line_status <> 'CANCELLED'), 0) AS total_minor,
           bool_and(l.invoiced_quantity >= l.quantity - l.moved_quantity) FILTER (WHERE l.line_status <> 'CANCELLED') AS all_invoiced,
           bool_or(l.invoiced_quantity > 0) AS any_invoiced,
           bool_and(l.shipped_quantity >= l.quantity - l.moved_quantity
                    OR l.fulfill_status IN ('SHIPPED', 'PRE_SHIPPED', 'RETURNED', 'STANDING_ORDER_TERMINATED'))
             FILTER (WHERE l.line_status <> 'CANCELLED') AS all_shipped,
           bool_or(l.shipped_quantity > 0 OR l.fulfill_status IN ('SHIPPED', 'PRE_SHIPPED')) AS any_shipped,
           bool_or(l.line_status = 'BACK_ORDERED') AS any_backordered,
           bool_or(l.moved_quantity > 0) AS rest_backordered
      FROM orders.order_lines l
      JOIN orders.orders lo ON lo.id = l.order_id
      JOIN orders.order_types t ON t.type = lo.type
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
           WHEN t.fixed_status IS NOT NULL THEN t.fixed_status
           WHEN o.cancelled_at IS NOT NULL OR coalesce(f.live, 0) = 0 THEN 'CANCELLED'
           WHEN t.closes_when_shipped AND f.all_shipped THEN 'CLOSED'
           WHEN t.credits AND f.all_invoiced THEN 'CLOSED'
           WHEN f.all_invoiced AND coalesce(m.invoiced_minor, 0) > 0 AND coalesce(m.paid_minor, 0) >= m.invoiced_minor THEN 'PAID'
           WHEN f.all_invoiced AND f.any_invoiced THEN 'INVOICED'
           WHEN f.any_invoiced THEN 'PARTLY_INVOICED'
           WHEN f.all_shipped THEN 'SHIPPED'
           WHEN f.any_shipped THEN 'PARTLY_SHIPPED'
           WHEN f.any_backordered THEN 'BACK_ORDERED'
           ELSE 'OPEN'
         END AS status,
         coalesce(f.rest_backordered, false) AS rest_backordered
    FROM orders.orders o
    JOIN orders.order_types t ON t.type = o.type
    LEFT JOIN line_facts f ON f.order_id = o.id
    LEFT JOIN money m ON m.order_id = o.id`;
