import { type ShipmentStatus } from '#contracts';
import { DomainError } from '#platform';

/** Where a shipment may go from each status. */
export const shipmentTransitions = {
  PACKED: ['SHIPPED'],
  SHIPPED: [],
} as const satisfies Record<ShipmentStatus, readonly ShipmentStatus[]>;

/** Throws ILLEGAL_TRANSITION unless the table lets `shipment` move to `to`. */
export function assertShipmentTransition(
  shipment: { number: string; status: ShipmentStatus },
  to: ShipmentStatus,
): void {
  const allowed: readonly ShipmentStatus[] = shipmentTransitions[shipment.status];
  if (allowed.includes(to)) return;
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    `Shipment ${shipment.number} is ${shipment.status} and cannot move from ${shipment.status} to ${to}` +
      ` (allowed from ${shipment.status}: ${allowed.length > 0 ? allowed.join(', ') : 'none'})`,
    { shipmentNumber: shipment.number, status: shipment.status, requested: to, allowed },
  );
}
