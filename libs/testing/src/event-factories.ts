import { randomUUID } from 'node:crypto';
import type { Allocation, Currency, OrderLinesShippedEvent, OrderPlacedEvent, ShipmentShippedEvent } from '#contracts';

/** One line of {@link anOrderPlaced}: SKU and quantity, the rest defaulted. */
export type OrderPlacedLineSpec = Pick<OrderPlacedEvent['lines'][number], 'sku' | 'quantity'> &
  Partial<Omit<OrderPlacedEvent['lines'][number], 'sku' | 'quantity' | 'lineNo'>>;

/** An order of {@link anOrderPlaced}: its lines, the rest defaulted. */
export type OrderPlacedSpec = Partial<Omit<OrderPlacedEvent, 'lines' | 'orderDate'>> & {
  lines: OrderPlacedLineSpec[];
  orderDate?: Date | string;
};

let orderCount = 0;

/**
 * An `order placed` payload as the orders service publishes it, for tests of the services that
 * consume it. Defaults: fresh order, customer and line ids, number `SO-000001`, `SO-000002`, …
 * (per test file), EUR, ordered now, lines numbered from 1 at 1000 minor units with no allocations.
 */
export function anOrderPlaced(spec: OrderPlacedSpec): OrderPlacedEvent {
  orderCount += 1;
  const { lines, orderDate, ...order } = spec;
  return {
    orderId: randomUUID(),
    number: `SO-${String(orderCount).padStart(6, '0')}`,
    customerId: randomUUID(),
    currency: 'EUR' satisfies Currency,
    ...order,
    orderDate: orderDate instanceof Date ? orderDate.toISOString() : (orderDate ?? new Date().toISOString()),
    lines: lines.map((line, i) => ({
      lineId: randomUUID(),
      lineNo: i + 1,
      unitPriceMinor: 1000,
      allocations: [] as Allocation[],
      ...line,
    })),
  };
}

let shipmentCount = 0;

/**
 * A `shipment shipped` payload for `order` as the warehouse publishes it, shipping
 * `quantities[i]` of line i (0 or a missing entry leaves the line out), from WH1 by DHL,
 * numbered `SH-000001`, `SH-000002`, … per test file.
 */
export function aShipmentShipped(
  order: Pick<OrderPlacedEvent, 'orderId' | 'number' | 'lines'>,
  quantities: number[],
  extra: Partial<Omit<ShipmentShippedEvent, 'lines'>> = {},
): ShipmentShippedEvent {
  shipmentCount += 1;
  return {
    shipmentId: randomUUID(),
    shipmentNumber: `SH-${String(shipmentCount).padStart(6, '0')}`,
    orderId: order.orderId,
    orderNumber: order.number,
    locationCode: 'WH1',
    carrier: 'DHL',
    trackingNumber: `TRACK-${shipmentCount}`,
    shippedAt: new Date().toISOString(),
    ...extra,
    lines: order.lines
      .map((l, i) => ({ orderLineId: l.lineId, sku: l.sku, quantity: quantities[i] ?? 0 }))
      .filter((l) => l.quantity > 0),
  };
}

/**
 * A `lines shipped` payload for `order` as the orders service publishes it once it applied a
 * shipment, shipping `quantities[i]` of line i (0 or a missing entry leaves the line out) and
 * making what shipped billable, as it does for a sale billed per shipment; `extra.billable`
 * says otherwise (a completed kit line, or nothing). Numbered `SH-000001`, … with the shipments
 * of {@link aShipmentShipped}.
 */
export function aLinesShipped(
  order: Pick<OrderPlacedEvent, 'orderId' | 'number' | 'lines'>,
  quantities: number[],
  extra: Partial<Omit<OrderLinesShippedEvent, 'lines'>> = {},
): OrderLinesShippedEvent {
  shipmentCount += 1;
  const lines = order.lines
    .map((l, i) => ({ orderLineId: l.lineId, quantity: quantities[i] ?? 0 }))
    .filter((l) => l.quantity > 0);
  return {
    shipmentId: randomUUID(),
    shipmentNumber: `SH-${String(shipmentCount).padStart(6, '0')}`,
    orderId: order.orderId,
    orderNumber: order.number,
    billable: lines,
    ...extra,
    lines,
  };
}
