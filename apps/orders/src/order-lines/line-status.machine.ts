import type { FulfillStatus, LineStatus } from '#contracts';
import { defineStateMachine } from '#platform';

/**
 * Where an order line stands commercially. A new line is PROFORMA (a prepaid customer's,
 * until it is paid in full), ACTIVE (stock reserved) or BACK_ORDERED (none available).
 * "Only active order that has not been fulfilled can be placed on Hold"; cancelling keeps
 * the fulfill status; a full return makes the line RETURNED. Cancelled and returned are final.
 */
export const lineStatus = defineStateMachine('line status', {
  PROFORMA: ['ACTIVE', 'CANCELLED', 'BACK_ORDERED'],
  ACTIVE: ['HELD', 'CANCELLED', 'RETURNED', 'BACK_ORDERED'],
  HELD: ['ACTIVE', 'CANCELLED'],
  BACK_ORDERED: ['ACTIVE', 'CANCELLED'],
  CANCELLED: [],
  RETURNED: [],
} as const satisfies Record<LineStatus, readonly LineStatus[]>);

/**
 * Where an order line stands physically: its pick ticket printed (packing slip), shipped,
 * handed over at the counter (pre-shipped), its standing order terminated, returned. What
 * shipped may come back whatever happened to the rest of the line since, so a line part of
 * which shipped (still PACKING_SLIP_PRINTED for the rest) or whose standing order was
 * terminated after shipments can still become RETURNED.
 */
export const fulfillStatus = defineStateMachine('fulfill status', {
  NOT_FULFILLED: ['PACKING_SLIP_PRINTED', 'PRE_SHIPPED', 'SHIPPED', 'STANDING_ORDER_TERMINATED'],
  PACKING_SLIP_PRINTED: ['SHIPPED', 'STANDING_ORDER_TERMINATED', 'RETURNED'],
  PRE_SHIPPED: ['RETURNED'],
  SHIPPED: ['RETURNED'],
  RETURNED: [],
  STANDING_ORDER_TERMINATED: ['RETURNED'],
} as const satisfies Record<FulfillStatus, readonly FulfillStatus[]>);

/**
 * Re-opening a processed order "wipes out all the inventory movements, payments, etc.,
 * leaving just the original order": every line goes back to NOT_FULFILLED (a one-step
 * invoice order's lines stay PRE_SHIPPED, handed over at entry). A returned line is not
 * re-opened: an order with a Return cannot be re-opened at all.
 */
export const fulfillStatusOnReopen = defineStateMachine('fulfill status on re-open', {
  NOT_FULFILLED: [],
  PACKING_SLIP_PRINTED: ['NOT_FULFILLED'],
  PRE_SHIPPED: ['NOT_FULFILLED'],
  SHIPPED: ['NOT_FULFILLED'],
  RETURNED: [],
  STANDING_ORDER_TERMINATED: ['NOT_FULFILLED'],
} as const satisfies Record<FulfillStatus, readonly FulfillStatus[]>);

/** "Only active order that has not been fulfilled [Fulfill Status is N] can be placed on Hold." */
export const fulfillStatusesThatMayHold: readonly FulfillStatus[] = ['NOT_FULFILLED'];

/** "You can manually set the fulfill status to P if the line status of the line is A (active)." */
export const lineStatusesThatMayPreShip: readonly LineStatus[] = ['ACTIVE'];

/** How an order line is named in an ILLEGAL_TRANSITION. */
export const lineSubject = (line: { id: string }): string => `Line ${line.id}`;
