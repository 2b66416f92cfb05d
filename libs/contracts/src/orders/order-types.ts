import type { Role } from '../common/auth.js';
import type { OrderType } from './orders.status.js';

/**
 * What an order of one type does. Every service reads this table instead of comparing type
 * names, and the orders service copies it into `orders.order_types` (one row per type, one
 * column per field) so its SQL reads the same rules.
 */
export interface OrderTypeRule {
  /**
   * Who may enter it as a new order; none: it is never entered directly. "Customers are not
   * permitted to create Quotes"; "Customers cannot create Recurring Orders"; "Neither
   * Customers nor Administrators can manually create Backorders"; Returns and Credit Memos are
   * made from an original order ("Returns can only be created by permitted Administrators").
   */
  enteredBy: readonly Role[];
  /** "Backorders are created automatically by the system as part of the Order Posting and Fulfillment process." */
  madeBySystemOnly: boolean;
  /**
   * The status it always shows, whatever its lines say; null: derived from its lines and
   * invoices. Quotes and Recurring orders "do not affect Inventory, cannot have payments
   * applied, cannot be invoiced and cannot be fulfilled", so they never move on.
   */
  fixedStatus: 'QUOTE' | 'TEMPLATE' | null;
  /** "Quotes do not affect Inventory"; "Orders affect Inventory": its lines reserve stock at entry. */
  reservesStock: boolean;
  /**
   * The warehouse picks, packs and ships it: a Regular Order "will remain on file until the
   * specified Release Date, at which time a Picking Ticket will be printed"; for a
   * Loss/Reshipment "a Packing Slip and Picking Ticket are printed".
   */
  picked: boolean;
  /**
   * Its lines are handed over when it is entered (fulfill status PRE_SHIPPED, the stock leaves
   * at once, and a sale of more than is in stock is refused): "An Invoice order is one where
   * there is no delay between the time of ordering and the time of shipping. This is the type
   * of order used for over-the-counter sales."
   */
  handedOverAtEntry: boolean;
  /** "Orders … can be fulfilled. Orders can also be partially fulfilled": line actions (hold, pre-ship, cancel, terminate) apply. */
  fulfillable: boolean;
  /**
   * Its lines may be changed, added and removed until they are picked. A one-step invoice was
   * handed over at entry, and a Return is filled in through its own requests.
   */
  editable: boolean;
  /**
   * It is a sale: invoiced, and "summarized and written to the Accounts Receivable system as a
   * Sales Transaction". A Loss/Reshipment ships, "however no Invoice or Sales Transaction is
   * generated"; a Return or Credit Memo credits instead.
   */
  sale: boolean;
  /**
   * One-step billing: "The Customer's order is entered into the system as an Invoice … This type
   * of process is referred to as One-Step process." Billed in full when entered, never per
   * shipment (a prepaid customer's sale is billed at entry too: see {@link isBilledAtEntry}).
   */
  billedAtEntry: boolean;
  /**
   * Once partly fulfilled and invoiced, its unfilled rest moves to a new Backorder: "Backorders
   * are automatically created … to track the unfulfilled portion of non-prepaid Orders. …
   * If a Backorder is partially fulfilled, the system will create another Backorder."
   */
  backordersRest: boolean;
  /**
   * It carries the rest of another order, and its Ref Order ID is the original order of the
   * chain: "Backorders always contain a reference to the original Order … Each Backorder will
   * contain a reference to the original Order."
   */
  carriesRestOfOriginal: boolean;
  /** "When the client is ready to place their order for the quoted items, [the system] will automatically create the Order from the Quote." */
  convertsToOrder: boolean;
  /** A template with a schedule: "Their purpose is to store orders that will be used … to create repetitive orders." */
  recurs: boolean;
  /**
   * A Return or a Credit Memo may be made against it: it was sold and invoiced to the
   * customer. "Returns contain a reference to the original Order"; "A Credit Memo order allows
   * the customer to receive a credit for returned merchandise, or for overcharges."
   */
  returnable: boolean;
  /**
   * Once something on it was processed it is re-opened instead of cancelled: "Clicking it wipes
   * out all the inventory movements, payments, etc., leaving just the original order."
   */
  reopenable: boolean;
  /** "Returns add Items back into Inventory and if the Items have already been paid for, will create a Credit Memo or issue a Refund." */
  receivesGoods: boolean;
  /** It credits the customer (a credit note, kept or refunded) and is CLOSED once credited. */
  credits: boolean;
  /**
   * Its charge lines are taken off its total: a Return's total is what it credits, the goods
   * coming back less the "Return Handling Charge" that "is automatically added".
   */
  chargesReduceTotal: boolean;
  /** Shipped and never invoiced ("no Invoice or Sales Transaction is generated"): nothing is left to do once it ships, so it is CLOSED. */
  closesWhenShipped: boolean;
}

/**
 * The behaviour of every order type, in one place. Changing a rule here changes it in every
 * service, and in orders' SQL once orders has started (it writes `orders.order_types` from
 * this table at start-up).
 */
export const OrderTypeRules = {
  QUOTE: {
    enteredBy: ['admin', 'sales', 'service'],
    madeBySystemOnly: false,
    fixedStatus: 'QUOTE',
    reservesStock: false,
    picked: false,
    handedOverAtEntry: false,
    fulfillable: false,
    editable: true,
    sale: false,
    billedAtEntry: false,
    backordersRest: false,
    carriesRestOfOriginal: false,
    convertsToOrder: true,
    recurs: false,
    returnable: false,
    reopenable: false,
    receivesGoods: false,
    credits: false,
    chargesReduceTotal: false,
    closesWhenShipped: false,
  },
  ORDER: {
    enteredBy: ['admin', 'sales', 'customer', 'service'],
    madeBySystemOnly: false,
    fixedStatus: null,
    reservesStock: true,
    picked: true,
    handedOverAtEntry: false,
    fulfillable: true,
    editable: true,
    sale: true,
    billedAtEntry: false,
    backordersRest: true,
    carriesRestOfOriginal: false,
    convertsToOrder: false,
    recurs: false,
    returnable: true,
    reopenable: true,
    receivesGoods: false,
    credits: false,
    chargesReduceTotal: false,
    closesWhenShipped: false,
  },
  BACKORDER: {
    enteredBy: [],
    madeBySystemOnly: true,
    fixedStatus: null,
    reservesStock: true,
    picked: true,
    handedOverAtEntry: false,
    fulfillable: true,
    editable: true,
    sale: true,
    billedAtEntry: false,
    backordersRest: true,
    carriesRestOfOriginal: true,
    convertsToOrder: false,
    recurs: false,
    returnable: true,
    reopenable: true,
    receivesGoods: false,
    credits: false,
    chargesReduceTotal: false,
    closesWhenShipped: false,
  },
  RECURRING: {
    enteredBy: ['admin', 'service'],
    madeBySystemOnly: false,
    fixedStatus: 'TEMPLATE',
    reservesStock: false,
    picked: false,
    handedOverAtEntry: false,
    fulfillable: false,
    editable: true,
    sale: false,
    billedAtEntry: false,
    backordersRest: false,
    carriesRestOfOriginal: false,
    convertsToOrder: false,
    recurs: true,
    returnable: false,
    reopenable: false,
    receivesGoods: false,
    credits: false,
    chargesReduceTotal: false,
    closesWhenShipped: false,
  },
  RETURN: {
    enteredBy: [],
    madeBySystemOnly: false,
    fixedStatus: null,
    reservesStock: false,
    picked: false,
    handedOverAtEntry: false,
    fulfillable: false,
    editable: false,
    sale: false,
    billedAtEntry: false,
    backordersRest: false,
    carriesRestOfOriginal: false,
    convertsToOrder: false,
    recurs: false,
    returnable: false,
    reopenable: false,
    receivesGoods: true,
    credits: true,
    chargesReduceTotal: true,
    closesWhenShipped: false,
  },
  CREDIT_MEMO: {
    enteredBy: [],
    madeBySystemOnly: false,
    fixedStatus: null,
    reservesStock: false,
    picked: false,
    handedOverAtEntry: false,
    fulfillable: false,
    editable: false,
    sale: false,
    billedAtEntry: false,
    backordersRest: false,
    carriesRestOfOriginal: false,
    convertsToOrder: false,
    recurs: false,
    returnable: false,
    reopenable: false,
    receivesGoods: false,
    credits: true,
    chargesReduceTotal: false,
    closesWhenShipped: false,
  },
  INVOICE: {
    enteredBy: ['admin', 'sales', 'service'],
    madeBySystemOnly: false,
    fixedStatus: null,
    reservesStock: true,
    picked: false,
    handedOverAtEntry: true,
    fulfillable: true,
    editable: false,
    sale: true,
    billedAtEntry: true,
    backordersRest: false,
    carriesRestOfOriginal: false,
    convertsToOrder: false,
    recurs: false,
    returnable: true,
    reopenable: true,
    receivesGoods: false,
    credits: false,
    chargesReduceTotal: false,
    closesWhenShipped: false,
  },
  LOSS_RESHIPMENT: {
    enteredBy: ['admin', 'sales', 'service'],
    madeBySystemOnly: false,
    fixedStatus: null,
    reservesStock: true,
    picked: true,
    handedOverAtEntry: false,
    fulfillable: true,
    editable: true,
    sale: false,
    billedAtEntry: false,
    backordersRest: false,
    carriesRestOfOriginal: false,
    convertsToOrder: false,
    recurs: false,
    returnable: false,
    reopenable: true,
    receivesGoods: false,
    credits: false,
    chargesReduceTotal: false,
    closesWhenShipped: true,
  },
} as const satisfies Record<OrderType, OrderTypeRule>;

/** A yes-or-no field of {@link OrderTypeRule}. */
export type OrderTypeFlag = {
  [K in keyof OrderTypeRule]: OrderTypeRule[K] extends boolean ? K : never;
}[keyof OrderTypeRule];

const ALL_TYPES = Object.keys(OrderTypeRules) as OrderType[];

/** The rules of one order type; an order without a type (an event from before order types) is an ORDER. */
export function orderTypeRule(type: OrderType | undefined): OrderTypeRule {
  return OrderTypeRules[type ?? 'ORDER'];
}

/** The order types whose `flag` is true (or `value`), in the table's order: `typesWhere('picked')`. */
export function typesWhere(flag: OrderTypeFlag, value = true): OrderType[] {
  return ALL_TYPES.filter((type) => orderTypeRule(type)[flag] === value);
}

/** True for a name of an order type (for input not validated yet, such as a draft in a batch). */
export function isOrderType(value: unknown): value is OrderType {
  return typeof value === 'string' && Object.hasOwn(OrderTypeRules, value);
}

/**
 * Billed in full when it is entered, never per shipment: a one-step type always, and any
 * other sale of a prepaid customer ("For Invoice type orders, or when Regular orders are
 * billed, Prepayment amounts may be entered"), whose lines are not picked until that invoice
 * is paid.
 */
export function isBilledAtEntry(order: { type?: OrderType; prepaid?: boolean }): boolean {
  const rule = orderTypeRule(order.type);
  return rule.billedAtEntry || (rule.sale && order.prepaid === true);
}

/** The types a person may enter as a new order (someone is in {@link OrderTypeRule.enteredBy}). */
export type EnterableOrderType = {
  [K in OrderType]: (typeof OrderTypeRules)[K]['enteredBy'] extends readonly [] ? never : K;
}[OrderType];

/** The types a person may enter directly; Backorders are made only by the system, Returns and Credit Memos from an original order. */
export const EnterableOrderTypes = ALL_TYPES.filter(
  (type) => orderTypeRule(type).enteredBy.length > 0,
) as readonly EnterableOrderType[];

/** May `role` enter an order of `type`? */
export function mayEnter(type: OrderType, role: Role): boolean {
  return orderTypeRule(type).enteredBy.includes(role);
}
