import type { OrderType } from '#contracts';

/**
 * What the check expects of each order type, as the services treat it: the warehouse picks
 * orders, backorders and loss/reshipments ("a Packing Slip and Picking Ticket are printed"),
 * never a one-step invoice (handed over at the counter), a quote, a template, a return or a
 * credit memo. Billing invoices sales: a one-step invoice, and any sale of a prepaid
 * customer, in full at entry; other sales per shipment; a loss/reshipment ("no Invoice or
 * Sales Transaction is generated"), a return or a credit memo never.
 */
const TYPES = {
  QUOTE: { picked: false, sale: false, billedAtEntry: false },
  ORDER: { picked: true, sale: true, billedAtEntry: false },
  BACKORDER: { picked: true, sale: true, billedAtEntry: false },
  RECURRING: { picked: false, sale: false, billedAtEntry: false },
  RETURN: { picked: false, sale: false, billedAtEntry: false },
  CREDIT_MEMO: { picked: false, sale: false, billedAtEntry: false },
  INVOICE: { picked: false, sale: true, billedAtEntry: true },
  LOSS_RESHIPMENT: { picked: true, sale: false, billedAtEntry: false },
} as const satisfies Record<OrderType, { picked: boolean; sale: boolean; billedAtEntry: boolean }>;

/** How billing bills an order: never, in full when it is entered, or what each shipment ships. */
export type Billing = 'NEVER' | 'AT_ENTRY' | 'PER_SHIPMENT';

export function isPicked(type: OrderType): boolean {
  return TYPES[type].picked;
}

export function billingOf(order: { orderType: OrderType; prepaid: boolean }): Billing {
  const type = TYPES[order.orderType];
  if (!type.sale) return 'NEVER';
  return type.billedAtEntry || order.prepaid ? 'AT_ENTRY' : 'PER_SHIPMENT';
}
