import type { Currency, OrderType } from '#contracts';
import { maybeRow, type Queryable, rows } from '#platform';

/** A row of `billing.orders`: billing's own copy of a placed order, just what invoicing needs. */
export interface OrderCopyRow {
  id: string;
  number: string;
  customer_id: string;
  currency: Currency;
  type: OrderType;
  prepaid: boolean;
  order_date: Date;
  /** The customer's terms when the order was placed; null for a Backorder or an order from before terms travelled. */
  payment_terms: string | null;
}

/** A row of `billing.order_lines`: the quantity and unit price a line is billed at. */
export interface OrderCopyLineRow {
  id: string;
  order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  unit_price_minor: number;
  kind: string;
  parent_line_id: string | null;
  tax_ppm: number | null;
  ship_fee_minor: number;
}

/** A row of `billing.order_charges`: a freight or miscellaneous charge of the order, with its tax as pricing worked it out. */
export interface OrderChargeRow {
  charge_no: number;
  kind: 'FREIGHT' | 'MISC';
  code: string;
  description: string;
  amount_minor: number;
  tax_ppm: number | null;
  tax_minor: number;
}

export interface OrderCopy extends OrderCopyRow {
  lines: OrderCopyLineRow[];
  charges: OrderChargeRow[];
}

/** The order with its lines, or undefined when its `order placed` event has not arrived yet. */
export async function readOrderCopy(db: Queryable, orderId: string): Promise<OrderCopy | undefined> {
  const order = await maybeRow<OrderCopyRow>(
    db,
    `SELECT id, number, customer_id, currency, type, prepaid, order_date, payment_terms FROM billing.orders WHERE id = $1`,
    [orderId],
  );
  if (!order) return undefined;
  const lines = await rows<OrderCopyLineRow>(
    db,
    `SELECT id, order_id, line_no, sku, quantity, unit_price_minor, kind, parent_line_id, tax_ppm, ship_fee_minor
       FROM billing.order_lines WHERE order_id = $1 ORDER BY line_no`,
    [orderId],
  );
  const charges = await rows<OrderChargeRow>(
    db,
    `SELECT charge_no, kind, code, description, amount_minor, tax_ppm, tax_minor
       FROM billing.order_charges WHERE order_id = $1 ORDER BY charge_no`,
    [orderId],
  );
  return { ...order, lines, charges };
}
