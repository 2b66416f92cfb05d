/**
 * Line status: where an order line stands commercially. "Active line items will be picked up for
 * shipping"; "Only active order that has not been fulfilled [Fulfill Status is "N"] can be placed on Hold".
 */
export const LineStatuses = ['PROFORMA', 'ACTIVE', 'BACK_ORDERED', 'HELD', 'CANCELLED', 'RETURNED'] as const;
export type LineStatus = (typeof LineStatuses)[number];

/**
 * Fulfill status: where an order line stands physically. Not Fulfilled "simply means that packing
 * slips, the next step, hasn't taken place"; Pre-shipped lines are invoiced at once.
 */
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
  'QUOTE',
  'TEMPLATE',
  'OPEN',
  'BACK_ORDERED',
  'PARTLY_SHIPPED',
  'SHIPPED',
  'PARTLY_INVOICED',
  'INVOICED',
  'PAID',
  'CLOSED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof OrderStatuses)[number];

/** Order types; each has its own number series, and its behaviour in `OrderTypeRules` (order-types.ts). */
export const OrderTypes = [
  'QUOTE',
  'ORDER',
  'BACKORDER',
  'RECURRING',
  'RETURN',
  'CREDIT_MEMO',
  'INVOICE',
  'LOSS_RESHIPMENT',
] as const;
export type OrderType = (typeof OrderTypes)[number];

/** Number prefix of each order type's series. */
export const OrderNumberPrefixes = {
  QUOTE: 'QT',
  ORDER: 'SO',
  BACKORDER: 'BO',
  RECURRING: 'RC',
  RETURN: 'RT',
  CREDIT_MEMO: 'CM',
  INVOICE: 'IO',
  LOSS_RESHIPMENT: 'LR',
} as const satisfies Record<OrderType, string>;

/** What an order line is: a stocked item, a kit and its component sub-lines, or a charge (e.g. return handling). */
export const LineKinds = ['ITEM', 'KIT', 'COMPONENT', 'CHARGE'] as const;
export type LineKind = (typeof LineKinds)[number];

export const AddressKinds = ['BILL_TO', 'SHIP_TO'] as const;
export type AddressKind = (typeof AddressKinds)[number];

/** How often a recurring order template makes an order. */
export const RecurrenceUnits = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type RecurrenceUnit = (typeof RecurrenceUnits)[number];
