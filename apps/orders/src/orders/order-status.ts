import type { FulfillStatus, LineStatus, OrderStatus } from '#contracts';

export interface LineFacts {
  quantity: number;
  lineStatus: LineStatus;
  fulfillStatus: FulfillStatus;
  shippedQuantity: number;
  invoicedQuantity: number;
}

/**
 * The one status an order shows, derived from its lines and invoices every time it is
 * read, so it can never drift from them.
 */
export function deriveOrderStatus(lines: LineFacts[], invoicedMinor: number, paidMinor: number): OrderStatus {
  const live = lines.filter((l) => l.lineStatus !== 'CANCELLED');
  if (live.length === 0) return 'CANCELLED';
  const all = (p: (l: LineFacts) => boolean) => live.every(p);
  const any = (p: (l: LineFacts) => boolean) => live.some(p);
  const fullyInvoiced = all((l) => l.invoicedQuantity >= l.quantity);
  if (fullyInvoiced && invoicedMinor > 0 && paidMinor >= invoicedMinor) return 'PAID';
  if (fullyInvoiced) return 'INVOICED';
  if (any((l) => l.invoicedQuantity > 0)) return 'PARTLY_INVOICED';
  if (all((l) => l.shippedQuantity >= l.quantity || l.fulfillStatus === 'SHIPPED')) return 'SHIPPED';
  if (any((l) => l.shippedQuantity > 0)) return 'PARTLY_SHIPPED';
  if (any((l) => l.lineStatus === 'BACK_ORDERED')) return 'BACK_ORDERED';
  return 'OPEN';
}
