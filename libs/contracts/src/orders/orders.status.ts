/** Line status: where an order line stands commercially (domain 002). */
export const LineStatuses = ['PROFORMA', 'ACTIVE', 'BACK_ORDERED', 'HELD', 'CANCELLED', 'RETURNED'] as const;
export type LineStatus = (typeof LineStatuses)[number];

/** Fulfill status: where an order line stands physically (domain 002). */
export const FulfillStatuses = [
  'NOT_FULFILLED',
  'PACKING_SLIP_PRINTED',
  'PRE_SHIPPED',
  'SHIPPED',
  'RETURNED',
  'STANDING_ORDER_TERMINATED',
] as const;
export type FulfillStatus = (typeof FulfillStatuses)[number];

/** The one status an order shows at a glance, derived from its lines; never stored. */
export const OrderStatuses = [
  'OPEN',
  'BACK_ORDERED',
  'PARTLY_SHIPPED',
  'SHIPPED',
  'PARTLY_INVOICED',
  'INVOICED',
  'PAID',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof OrderStatuses)[number];

export const OrderTypes = ['ORDER'] as const;
export type OrderType = (typeof OrderTypes)[number];
