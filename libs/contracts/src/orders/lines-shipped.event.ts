/** One line and a quantity of it. */
export interface ShippedLineQuantity {
  orderLineId: string;
  quantity: number;
}

/**
 * `events.orders.lines.shipped`: orders applied a shipment to an order's lines, and says what
 * that makes billable. Orders alone decides it; billing invoices `billable` as it is, at the
 * order's prices, one invoice per shipment.
 */
export interface OrderLinesShippedEvent {
  orderId: string;
  orderNumber: string;
  shipmentId: string;
  shipmentNumber: string;
  /** What the shipment shipped of each line (kit components ship as their own lines; a kit line never ships itself). */
  lines: ShippedLineQuantity[];
  /**
   * What to invoice for this shipment. For a sale billed per shipment: every shipped line (a
   * kit's components at their price of 0, which records what shipped), and each kit line for
   * the kits this shipment completed, once all of that kit's components have shipped, so a
   * kit is billed once, with its last component. Empty for a type that is not a sale (a
   * loss/reshipment) and for an order billed in full at entry (a one-step invoice, a prepaid
   * customer's order).
   */
  billable: ShippedLineQuantity[];
}
