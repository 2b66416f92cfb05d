import { defineStateMachine } from '#platform';

/** A row of pick demand: an order line's units still to pick at one location, open or on a printed ticket. */
export const PickDemandStatuses = ['OPEN', 'TICKETED'] as const;
export type PickDemandStatus = (typeof PickDemandStatuses)[number];

/**
 * Open demand is printed on a pick ticket (TICKETED). It becomes open again when the ticket
 * was packed without it ("you might process and ship part of the order while waiting for
 * goods before shipping the rest"), when stock released to the line reuses a row whose ticket
 * is packed, and when its order is re-opened.
 */
export const pickDemandStatus = defineStateMachine('pick demand status', {
  OPEN: ['TICKETED'],
  TICKETED: ['OPEN'],
} as const satisfies Record<PickDemandStatus, readonly PickDemandStatus[]>);
