import type { FulfillStatus, LineKind, LineStatus, OrderType } from './orders.status.js';

/** One order line as orders knows it, for the system-wide consistency check (`orders.consistency.facts`). */
export interface OrderLineFact {
  lineId: string;
  orderId: string;
  orderNumber: string;
  orderType: OrderType;
  /** The order is a prepaid customer's. */
  prepaid: boolean;
  kind: LineKind;
  lineStatus: LineStatus;
  fulfillStatus: FulfillStatus;
  quantity: number;
  /** Units moved to a Backorder: they are that order's now. */
  movedQuantity: number;
  /** The line may still take stock: not cancelled or returned, and not shipped, terminated or handed over. */
  live: boolean;
  /** What orders says inventory holds for the line now: 0 unless it is live, less what shipped or moved. */
  heldInStock: number;
  shippedQuantity: number;
  unitPriceMinor: number;
  /** When the order was last re-opened: shipments and invoices from before were reversed. */
  reopenedAt?: string;
}
