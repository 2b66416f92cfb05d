import { type PickTicketStatus } from '#contracts';
import { defineStateMachine, DomainError } from '#platform';

/**
 * Where a pick ticket may go from each status: printed (OPEN), picked, packed into
 * containers, shipped. A ticket never goes back: what was not packed returns to pick demand
 * and is printed on a new ticket, and a shipped ticket is done. A ticket that has not shipped
 * is VOIDED when its order is re-opened (the re-opened order is printed on a new ticket) or
 * when every line on it was taken off; a voided ticket is never picked, packed or shipped.
 */
export const pickTicketStatus = defineStateMachine('pick ticket status', {
  OPEN: ['PICKED', 'VOIDED'],
  PICKED: ['PACKED', 'VOIDED'],
  PACKED: ['SHIPPED', 'VOIDED'],
  SHIPPED: [],
  VOIDED: [],
} as const satisfies Record<PickTicketStatus, readonly PickTicketStatus[]>);

/** How a pick ticket is named in an ILLEGAL_TRANSITION. */
export const pickTicketSubject = (ticket: { number: string }): string => `Pick ticket ${ticket.number}`;

/**
 * Refuses any work on a voided ticket with one line a handheld can show (409
 * PICK_TICKET_VOIDED), before the transition table would answer a less helpful
 * ILLEGAL_TRANSITION.
 */
export function assertNotVoided(ticket: {
  id: string;
  number: string;
  order_number: string;
  status: PickTicketStatus;
  void_reason: string | null;
}): void {
  if (ticket.status !== 'VOIDED') return;
  throw new DomainError(
    'PICK_TICKET_VOIDED',
    `Pick ticket ${ticket.number} is void (${ticket.void_reason ?? 'voided'}): do not pick, pack or ship it`,
    { pickTicketId: ticket.id, number: ticket.number, orderNumber: ticket.order_number, reason: ticket.void_reason },
  );
}
