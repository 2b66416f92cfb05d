import { isBilledAtEntry, type OrderType, orderTypeRule, type ShippedLineQuantity } from '#contracts';

/** How many kits of a kit line had shipped before a shipment, and after it. */
export interface KitProgress {
  kitLineId: string;
  before: number;
  after: number;
}

/**
 * What a shipment makes billable, decided here and nowhere else (billing invoices exactly
 * this). A sale billed per shipment bills every line the shipment shipped (a kit's
 * components at no price, which records what shipped) and each kit line for the kits this
 * shipment completed: a kit counts as shipped as far as its least-shipped component allows,
 * so it is billed once, with its last component. Nothing is billable on a type that is not a
 * sale (a loss/reshipment "ships, however no Invoice or Sales Transaction is generated") or
 * on an order billed in full at entry.
 */
export function billableForShipment(
  order: { type: OrderType; prepaid: boolean },
  shipped: readonly ShippedLineQuantity[],
  kits: readonly KitProgress[],
): ShippedLineQuantity[] {
  if (!orderTypeRule(order.type).sale || isBilledAtEntry(order)) return [];
  const completed = kits
    .filter((k) => k.after > k.before)
    .map((k) => ({ orderLineId: k.kitLineId, quantity: k.after - k.before }));
  return [...shipped.filter((l) => l.quantity > 0), ...completed];
}
