import { type InvoiceLineKind, ppmToPercent, SHIP_FEE_CHARGE_CODE, taxOnMinor } from '#contracts';
import { DomainError } from '#platform';
import type { OrderCopy } from '../orders/order.rows.js';

/** An invoice line before it is stored: what it bills, and what it adds to the total. */
export interface DraftInvoiceLine {
  kind: InvoiceLineKind;
  orderLineId?: string;
  sku?: string;
  chargeCode?: string;
  /** The order charge it bills (freight, a miscellaneous charge). */
  chargeNo?: number;
  description?: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  /** ORDER_LINE and CHARGE: the rate they are taxed at; TAX: the rate it sums. */
  taxPpm?: number;
  /** ORDER_LINE and CHARGE: their own tax (summed on the TAX line of their rate). */
  taxMinor: number;
}

/** What an invoice bills: order lines and quantities. */
export interface Billable {
  source: string;
  shipmentId?: string;
  what: string;
  lines: Array<{ orderLineId: string; quantity: number }>;
}

/** What earlier invoices of the order (not voided) already billed once and for all. */
export interface BilledBefore {
  chargeNos: ReadonlySet<number>;
  shipFeeLines: ReadonlySet<string>;
}

/**
 * The lines of one invoice, in order: the billed order lines (quantity × the order line's
 * unit price), the shipping fee of each billed line not billed before, the order's freight
 * and miscellaneous charges if no earlier invoice billed them (the first invoice of an order
 * bills them), and one TAX line per rate.
 *
 * Rounding, per line: an order line is taxed on what this invoice bills of it
 * (`quantity × unit price × rate`, rounded half-up to the minor unit), a charge carries the
 * tax pricing worked out for it (rounded the same way), and a TAX line is the exact sum of
 * the taxes at its rate, never rounded again. An order billed on one invoice is so taxed
 * exactly as its quote; billed in parts, each part is rounded on its own.
 */
export function draftInvoiceLines(order: OrderCopy, billable: Billable, before: BilledBefore): DraftInvoiceLine[] {
  const byId = new Map(order.lines.map((l) => [l.id, l]));
  const items: DraftInvoiceLine[] = [];
  const fees: DraftInvoiceLine[] = [];
  for (const line of billable.lines.filter((l) => l.quantity > 0)) {
    const orderLine = byId.get(line.orderLineId);
    if (!orderLine) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${billable.what} bills line ${line.orderLineId}, which order ${order.number} does not have`,
        { source: billable.source, orderLineId: line.orderLineId },
      );
    }
    const lineTotalMinor = line.quantity * orderLine.unit_price_minor;
    if (!Number.isSafeInteger(lineTotalMinor))
      throw new DomainError('VALIDATION_FAILED', `Line ${line.orderLineId} is too large to invoice`);
    items.push({
      kind: 'ORDER_LINE',
      orderLineId: orderLine.id,
      sku: orderLine.sku,
      quantity: line.quantity,
      unitPriceMinor: orderLine.unit_price_minor,
      lineTotalMinor,
      ...taxed(lineTotalMinor, orderLine.tax_ppm),
    });
    if (orderLine.ship_fee_minor > 0 && !before.shipFeeLines.has(orderLine.id)) {
      fees.push({
        kind: 'CHARGE',
        orderLineId: orderLine.id,
        chargeCode: SHIP_FEE_CHARGE_CODE,
        description: `Shipping fee, line ${orderLine.line_no} (${orderLine.sku})`,
        quantity: 1,
        unitPriceMinor: orderLine.ship_fee_minor,
        lineTotalMinor: orderLine.ship_fee_minor,
        taxMinor: 0,
      });
    }
  }
  if (items.length === 0) return [];
  const charges: DraftInvoiceLine[] = order.charges
    .filter((c) => !before.chargeNos.has(c.charge_no))
    .map((c) => ({
      kind: 'CHARGE',
      chargeCode: c.code,
      chargeNo: c.charge_no,
      description: c.description,
      quantity: 1,
      unitPriceMinor: c.amount_minor,
      lineTotalMinor: c.amount_minor,
      ...(c.tax_ppm === null ? { taxMinor: 0 } : { taxPpm: c.tax_ppm, taxMinor: c.tax_minor }),
    }));
  const billed = [...items, ...fees, ...charges];
  return [...billed, ...taxLines(billed)];
}

function taxed(amountMinor: number, ppm: number | null): Pick<DraftInvoiceLine, 'taxPpm' | 'taxMinor'> {
  return ppm === null ? { taxMinor: 0 } : { taxPpm: ppm, taxMinor: taxOnMinor(amountMinor, ppm) };
}

/** One TAX line per rate, in ascending rate order: the sum of the taxes of the lines at that rate. */
function taxLines(billed: DraftInvoiceLine[]): DraftInvoiceLine[] {
  const byRate = new Map<number, number>();
  for (const line of billed)
    if (line.taxPpm !== undefined) byRate.set(line.taxPpm, (byRate.get(line.taxPpm) ?? 0) + line.taxMinor);
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, tax]) => tax > 0)
    .map(([ppm, tax]) => ({
      kind: 'TAX',
      description: `Tax ${ppmToPercent(ppm)}%`,
      quantity: 1,
      unitPriceMinor: tax,
      lineTotalMinor: tax,
      taxPpm: ppm,
      taxMinor: 0,
    }));
}
