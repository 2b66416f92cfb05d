import { type ShipmentStatus } from '#contracts';
import { defineStateMachine } from '#platform';

/**
 * Where a shipment may go from each status: made PACKED by packing, then handed to the carrier
 * once. A packed shipment is VOIDED with its pick ticket when the order is re-opened.
 */
export const shipmentStatus = defineStateMachine('shipment status', {
  PACKED: ['SHIPPED', 'VOIDED'],
  SHIPPED: [],
  VOIDED: [],
} as const satisfies Record<ShipmentStatus, readonly ShipmentStatus[]>);

/** How a shipment is named in an ILLEGAL_TRANSITION. */
export const shipmentSubject = (shipment: { number: string }): string => `Shipment ${shipment.number}`;
