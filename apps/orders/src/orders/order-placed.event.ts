import type { OrderPlacedEvent } from '#contracts';
import type { NewLine, NewOrder } from './order-writer.js';

/**
 * The one builder of `order placed`, for every order that comes into being: entered, posted from
 * a batch, made by a recurring template, or a Backorder split off an original. Every event states
 * the order's type and, per line, its statuses and kind, so warehouse, inventory and billing read
 * the same facts whichever way the order was made. (A Backorder's lines carry no allocations: their
 * stock and pick demand move over from the original lines with `order backordered`.)
 */
export function orderPlacedEvent(
  header: NewOrder,
  number: string,
  orderDate: string,
  lines: NewLine[],
): OrderPlacedEvent {
  return {
    orderId: header.id,
    number,
    type: header.type,
    paymentMethod: header.paymentMethod,
    prepaid: header.prepaid,
    refOrderId: header.refOrderId,
    customerId: header.customerId,
    ...(header.paymentTerms ? { paymentTerms: header.paymentTerms } : {}),
    currency: header.currency,
    orderDate,
    lines: lines.map((l) => ({
      lineId: l.id,
      lineNo: l.lineNo,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      allocations: l.allocations,
      lineStatus: l.lineStatus,
      fulfillStatus: l.fulfillStatus,
      kind: l.kind ?? 'ITEM',
      parentLineId: l.parentLineId,
      ...(l.taxPercent === undefined ? {} : { taxPercent: l.taxPercent }),
      ...(l.shipFeeMinor ? { shipFeeMinor: l.shipFeeMinor } : {}),
    })),
    ...(header.charges && header.charges.length > 0 ? { charges: header.charges } : {}),
  };
}
