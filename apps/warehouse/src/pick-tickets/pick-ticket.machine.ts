import { type PickTicketStatus } from '#contracts';
import { defineStateMachine } from '#platform';

/**
 * Where a pick ticket may go from each status: printed (OPEN), picked, packed into
 * containers, shipped. A ticket never goes back: what was not packed returns to pick demand
 * and is printed on a new ticket, and a shipped ticket is done.
 */
export const pickTicketStatus = defineStateMachine('pick ticket status', {
  OPEN: ['PICKED'],
  PICKED: ['PACKED'],
  PACKED: ['SHIPPED'],
  SHIPPED: [],
} as const satisfies Record<PickTicketStatus, readonly PickTicketStatus[]>);

/** How a pick ticket is named in an ILLEGAL_TRANSITION. */
export const pickTicketSubject = (ticket: { number: string }): string => `Pick ticket ${ticket.number}`;
