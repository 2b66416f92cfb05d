import { randomUUID } from 'node:crypto';
import type { ReserveStockReply } from '#contracts';
import type { NewLine } from './order-writer.js';

export interface ComponentLine {
  id: string;
  lineNo: number;
  sku: string;
  quantity: number;
  locationCode?: string;
  parentLineId: string;
}

/**
 * A kit that is not counted itself is filled from its components: each kit line gets one
 * sub-line per component (component quantity per kit × kits ordered), numbered after the
 * order's own lines. Those sub-lines are reserved, picked and shipped with their own
 * statuses; the kit line carries the price.
 */
export function componentLinesFor(
  reservation: ReserveStockReply,
  kitLines: Map<string, { quantity: number; locationCode?: string }>,
  firstLineNo: number,
): ComponentLine[] {
  const out: ComponentLine[] = [];
  for (const line of reservation.lines) {
    const kit = kitLines.get(line.lineId);
    if (!kit || line.inventoried !== false || !line.components?.length) continue;
    for (const component of line.components) {
      out.push({
        id: randomUUID(),
        lineNo: firstLineNo + out.length,
        sku: component.sku,
        quantity: component.quantity * kit.quantity,
        locationCode: kit.locationCode,
        parentLineId: line.lineId,
      });
    }
  }
  return out;
}

/** Component sub-lines as stored: no price of their own, statuses from their own reservation. */
export function componentNewLines(
  components: ComponentLine[],
  reservation: ReserveStockReply | undefined,
  kitPriceIds: Map<string, string>,
  prepaid: boolean,
): NewLine[] {
  const reserved = new Map((reservation?.lines ?? []).map((l) => [l.lineId, l]));
  return components.map((c) => {
    const stock = reserved.get(c.id);
    const got = stock?.reserved ?? 0;
    return {
      id: c.id,
      lineNo: c.lineNo,
      sku: c.sku,
      quantity: c.quantity,
      unitPriceMinor: 0,
      priceId: `kit:${kitPriceIds.get(c.parentLineId) ?? ''}`,
      lineStatus: got === 0 ? 'BACK_ORDERED' : prepaid ? 'PROFORMA' : 'ACTIVE',
      fulfillStatus: 'NOT_FULFILLED',
      reserved: got,
      backordered: stock?.backordered ?? c.quantity,
      allocations: stock?.allocations ?? [],
      kind: 'COMPONENT',
      parentLineId: c.parentLineId,
    };
  });
}
