import type { OrderCsvRow } from './orders-csv.reader.js';

/** The rows of one order_ref: one order with its per-order rules (customer, priority, forced ship-from). */
export interface ImportedOrderRows {
  orderRef: string;
  rows: OrderCsvRow[];
}

/** Groups rows by order_ref, in the order each reference first appears; rows without a reference belong to no order. */
export function groupByOrder(rows: readonly OrderCsvRow[]): ImportedOrderRows[] {
  const groups = new Map<string, ImportedOrderRows>();
  for (const row of rows) {
    if (!row.orderRef) continue;
    const group = groups.get(row.orderRef) ?? { orderRef: row.orderRef, rows: [] };
    group.rows.push(row);
    groups.set(row.orderRef, group);
  }
  return [...groups.values()];
}

/**
 * Per-order values must agree on every row of the order: the customer always, priority,
 * ship-from and source when given (a blank repeats the order's value). A row that disagrees is bad.
 */
export function checkOrderRules(order: ImportedOrderRows): void {
  agree(order, 'customer_id', (r) => r.customerId, false);
  agree(order, 'priority', (r) => r.priority, true);
  agree(order, 'ship_from', (r) => r.shipFrom, true);
  agree(order, 'source', (r) => r.source, true);
}

function agree<T>(
  order: ImportedOrderRows,
  column: string,
  value: (row: OrderCsvRow) => T | undefined,
  blankRepeats: boolean,
): void {
  const first = order.rows.find((r) => value(r) !== undefined);
  if (!first) return;
  for (const row of order.rows) {
    if (row === first) continue;
    const own = value(row);
    if (own === undefined && (blankRepeats || row.reasons.length > 0)) continue;
    if (own !== value(first)) {
      row.reasons.push(
        `${column} ${own === undefined ? 'is empty' : `"${String(own)}"`} differs from row ${first.row} of order ${order.orderRef} ("${String(value(first))}"): an order has one ${column}`,
      );
    }
  }
}

/** True when every row of the order is good; one bad row leaves the whole order out. */
export function isGood(order: ImportedOrderRows): boolean {
  return order.rows.every((r) => r.reasons.length === 0);
}

/** The PlaceOrderRequest a good order becomes (the channel's order reference is kept as the customer reference). */
export function toOrderBody(order: ImportedOrderRows, counter: boolean): Record<string, unknown> {
  const first = order.rows[0];
  const body: Record<string, unknown> = { customerReference: order.orderRef };
  if (first.customerId) body.customerId = first.customerId;
  if (counter) body.type = 'INVOICE';
  const shipFrom = order.rows.find((r) => r.shipFrom)?.shipFrom;
  if (shipFrom) body.shipFromLocation = shipFrom;
  const source = order.rows.find((r) => r.source)?.source;
  if (source) body.sourceCode = source;
  const priority = order.rows.find((r) => r.priority !== undefined)?.priority;
  if (priority !== undefined) body.priority = priority;
  body.lines = order.rows.map((r) => ({ sku: r.sku, quantity: r.quantity }));
  return body;
}
