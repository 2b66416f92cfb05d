import { type PickTicketStatus } from '#contracts';
import { DomainError } from '#platform';

/** Where a pick ticket may go from each status. Data, not code: the guard and its spec read it. */
export const pickTicketTransitions = {
  OPEN: ['PICKED'],
  PICKED: ['PACKED'],
  PACKED: ['SHIPPED'],
  SHIPPED: [],
} as const satisfies Record<PickTicketStatus, readonly PickTicketStatus[]>;

/** Throws ILLEGAL_TRANSITION unless the table lets `ticket` move to `to`. */
export function assertPickTicketTransition(
  ticket: { number: string; status: PickTicketStatus },
  to: PickTicketStatus,
): void {
  const allowed: readonly PickTicketStatus[] = pickTicketTransitions[ticket.status];
  if (allowed.includes(to)) return;
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    `Pick ticket ${ticket.number} is ${ticket.status} and cannot move from ${ticket.status} to ${to}` +
      ` (allowed from ${ticket.status}: ${allowed.length > 0 ? allowed.join(', ') : 'none'})`,
    { pickTicketNumber: ticket.number, status: ticket.status, requested: to, allowed },
  );
}
