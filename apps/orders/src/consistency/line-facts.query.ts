import type {
  FactsPage,
  FactsPageRequest,
  FulfillStatus,
  LineKind,
  LineStatus,
  OrderLineFact,
  OrderType,
} from '#contracts';
import { factsPage, factsWindow, type Queryable, rows } from '#platform';
import { heldInStock } from '../orders/order-reader.js';

interface LineFactRow {
  id: string;
  order_id: string;
  number: string;
  type: OrderType;
  prepaid: boolean;
  kind: LineKind;
  line_status: LineStatus;
  fulfill_status: FulfillStatus;
  quantity: number;
  moved_quantity: number;
  reserved_quantity: number;
  shipped_quantity: number;
  unit_price_minor: number;
  reopened_at: Date | null;
}

/** A line is live while it may still take stock: not cancelled or returned, and not shipped, terminated or handed over. */
const LIVE_LINE: readonly LineStatus[] = ['PROFORMA', 'ACTIVE', 'BACK_ORDERED', 'HELD'];
const LIVE_FULFILMENT: readonly FulfillStatus[] = ['NOT_FULFILLED', 'PACKING_SLIP_PRINTED'];

/** One page of order lines in id order, with what orders says each holds in stock and when its order was last re-opened. */
export async function lineFacts(db: Queryable, request: FactsPageRequest): Promise<FactsPage<OrderLineFact>> {
  const window = factsWindow(request, ['uuid']);
  const found = await rows<LineFactRow>(
    db,
    `SELECT l.id, l.order_id, o.number, o.type, o.prepaid, l.kind, l.line_status, l.fulfill_status, l.quantity, l.moved_quantity,
            l.reserved_quantity, l.shipped_quantity, l.unit_price_minor,
            (SELECT max(r.created_at) FROM orders.order_reversals r WHERE r.order_id = l.order_id) AS reopened_at
       FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
      WHERE ($1::uuid IS NULL OR l.id > $1::uuid)
      ORDER BY l.id LIMIT $2`,
    [...window.after, window.take],
  );
  return factsPage(found, window, toFact, (r) => [r.id]);
}

function toFact(row: LineFactRow): OrderLineFact {
  const live = LIVE_LINE.includes(row.line_status) && LIVE_FULFILMENT.includes(row.fulfill_status);
  const fact: OrderLineFact = {
    lineId: row.id,
    orderId: row.order_id,
    orderNumber: row.number,
    orderType: row.type,
    prepaid: row.prepaid,
    kind: row.kind,
    lineStatus: row.line_status,
    fulfillStatus: row.fulfill_status,
    quantity: row.quantity,
    movedQuantity: row.moved_quantity,
    live,
    heldInStock: live ? heldInStock(row) : 0,
    shippedQuantity: row.shipped_quantity,
    unitPriceMinor: row.unit_price_minor,
  };
  if (row.reopened_at) fact.reopenedAt = new Date(row.reopened_at).toISOString();
  return fact;
}
