import type { FactsPage, FactsPageRequest, ReservationFact, ReservedLineFact } from '#contracts';
import { factsPage, factsWindow, type Queryable, rows } from '#platform';

interface ReservedLineRow {
  line_id: string;
  order_id: string;
  counted: boolean;
  reservations: ReservationFact[];
}

/**
 * One page of the order lines inventory knows (a demand row, reservations, or both), in line
 * id order, with what each holds where. The page's ids come from both tables by their primary
 * keys, so a reservation whose demand row is gone is still seen.
 */
const RESERVED_LINES_SQL = `WITH ids AS (
       SELECT id FROM (
         (SELECT order_line_id AS id FROM inventory.reserve_lines
           WHERE $1::uuid IS NULL OR order_line_id > $1::uuid ORDER BY order_line_id LIMIT $2)
         UNION
         (SELECT DISTINCT order_line_id FROM inventory.reservations
           WHERE $1::uuid IS NULL OR order_line_id > $1::uuid ORDER BY order_line_id LIMIT $2)
       ) u ORDER BY id LIMIT $2
     )
     SELECT ids.id AS line_id,
            COALESCE(b.order_id, (SELECT r.order_id FROM inventory.reservations r WHERE r.order_line_id = ids.id LIMIT 1)) AS order_id,
            COALESCE(bi.inventoried, true) AS counted,
            COALESCE((SELECT json_agg(json_build_object('locationCode', l.code, 'sourceKind', s.kind, 'quantity', r.quantity)
                                      ORDER BY l.code)
                        FROM inventory.reservations r
                        JOIN inventory.locations l ON l.id = r.location_id
                        JOIN inventory.sources s ON s.id = l.source_id
                       WHERE r.order_line_id = ids.id), '[]') AS reservations
       FROM ids
       LEFT JOIN inventory.reserve_lines b ON b.order_line_id = ids.id
       LEFT JOIN inventory.items bi ON bi.id = b.item_id
      ORDER BY ids.id`;

/** What inventory holds for each order line it knows, one page at a time. */
export async function reservedLineFacts(
  db: Queryable,
  request: FactsPageRequest,
): Promise<FactsPage<ReservedLineFact>> {
  const window = factsWindow(request, ['uuid']);
  const found = await rows<ReservedLineRow>(db, RESERVED_LINES_SQL, [...window.after, window.take]);
  return factsPage(
    found,
    window,
    (row) => ({ lineId: row.line_id, orderId: row.order_id, counted: row.counted, reservations: row.reservations }),
    (row) => [row.line_id],
  );
}
