import { type OrderType, type OrderTypeRule, OrderTypeRules } from '#contracts';

/** One row of `orders.order_types`: the type and each field of its rule under its snake_case name. */
export type OrderTypeRow = { type: OrderType } & Record<string, unknown>;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The column of `orders.order_types` that holds each field of {@link OrderTypeRule}. */
export function orderTypeColumns(): string[] {
  return Object.keys(OrderTypeRules.ORDER satisfies OrderTypeRule).map(snake);
}

/** The table's rows, written from the contracts table (`OrderTypeRules`). */
export function orderTypeRows(): OrderTypeRow[] {
  return (Object.entries(OrderTypeRules) as Array<[OrderType, OrderTypeRule]>).map(([type, rule]) => ({
    type,
    ...Object.fromEntries(Object.entries(rule).map(([field, value]) => [snake(field), value])),
  }));
}

/**
 * Writes every row from the contracts table, overwriting what is there, in one statement (a
 * rule field without a column fails here, loudly). The types themselves never change here:
 * orders refer to them.
 */
export const UPSERT_ORDER_TYPES = `INSERT INTO orders.order_types
  SELECT * FROM jsonb_populate_recordset(NULL::orders.order_types, $1::jsonb)
  ON CONFLICT (type) DO UPDATE SET ${orderTypeColumns()
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;
