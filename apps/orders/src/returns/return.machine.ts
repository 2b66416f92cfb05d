import type { FulfillStatus } from '#contracts';
import { defineStateMachine } from '#platform';

/** The fulfill statuses a Return's own lines have: entered, then received. */
export type ReturnLineStatus = Extract<FulfillStatus, 'NOT_FULFILLED' | 'RETURNED'>;

/**
 * A Return is filled in (its lines NOT_FULFILLED, quantities and prices editable), then
 * received once: its lines become RETURNED, the stock comes back or is written off, and
 * billing credits it. "Returns add Items back into Inventory": a received Return is never
 * received again, and is not filled in again.
 */
export const returnLineStatus = defineStateMachine('return line status', {
  NOT_FULFILLED: ['RETURNED'],
  RETURNED: [],
} as const satisfies Record<ReturnLineStatus, readonly ReturnLineStatus[]>);
