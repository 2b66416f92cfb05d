import { type OrderRef, type OrderStatus, type OrderType, orderTypeRule } from '#contracts';

/**
 * Reading the derived status (see `order-summaries.view.ts` for its cases). Every query of
 * orders that shows or filters on an order's status, total or money joins the view through
 * {@link summaryJoin} and reads {@link SUMMARY_COLUMNS}; nothing else computes them.
 */

/** What the view says about one order. */
export interface OrderSummaryRow {
  status: OrderStatus;
  total_minor: string;
  invoiced_minor: string;
  paid_minor: string;
  rest_backordered: boolean;
}

/** The summary as an OrderView shows it. */
export interface OrderSummary {
  status: OrderStatus;
  totalMinor: number;
  invoicedMinor: number;
  paidMinor: number;
  /** Part of some line moved to a Backorder: INVOICED or PAID speaks only for what stayed on this order. */
  restBackordered: boolean;
}

/** The view's columns, read from alias `s` of {@link summaryJoin}. */
export const SUMMARY_COLUMNS = `s.status, s.total_minor, s.invoiced_minor, s.paid_minor, s.rest_backordered`;

/** Joins the summary of the order aliased `order` as `s` (LEFT for a row that may have no order yet). */
export function summaryJoin(order: string, kind: 'JOIN' | 'LEFT JOIN' = 'JOIN'): string {
  return `${kind} orders.order_summaries s ON s.order_id = ${order}`;
}

export function toSummary(row: OrderSummaryRow): OrderSummary {
  return {
    status: row.status,
    totalMinor: Number(row.total_minor),
    invoicedMinor: Number(row.invoiced_minor),
    paidMinor: Number(row.paid_minor),
    restBackordered: row.rest_backordered,
  };
}

/** A Backorder in one of these holds nothing open any more for the order it came from. */
export const SETTLED_STATUSES: readonly OrderStatus[] = ['INVOICED', 'PAID', 'CLOSED', 'CANCELLED'];

/** An order of the Backorder chain, with its derived status. */
export interface ChainOrder extends OrderRef {
  ref_order_id: string | null;
  status: OrderStatus;
}

/**
 * Where the rest of an order whose rest moved to a Backorder is still open: the first later
 * Backorder of the same original that is not settled. Every Backorder refers to the original
 * order ("Each Backorder will contain a reference to the original Order"), so the rest of a
 * Backorder that was itself partly shipped is on a later Backorder of the same original.
 */
export function openBackorderOf(
  order: { id: string; number: string; type: OrderType; ref_order_id: string | null },
  related: readonly ChainOrder[],
): (OrderRef & { status: OrderStatus }) | undefined {
  const isRest = orderTypeRule(order.type).carriesRestOfOriginal;
  const root = isRest ? order.ref_order_id : order.id;
  const open = related.find(
    (r) =>
      r.ref_order_id === root &&
      orderTypeRule(r.type).carriesRestOfOriginal &&
      r.number > (isRest ? order.number : '') &&
      !SETTLED_STATUSES.includes(r.status),
  );
  return open ? { id: open.id, number: open.number, type: open.type, status: open.status } : undefined;
}
