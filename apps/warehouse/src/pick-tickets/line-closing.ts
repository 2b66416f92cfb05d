import type { EntityManager } from 'typeorm';
import { type OutboxService, rows } from '#platform';
import { pickDemandStatus } from '../pick-demand/pick-demand.machine.js';
import { pickTicketStatus } from './pick-ticket.machine.js';
import type { ClosedReason } from './pick-ticket.rows.js';
import { announceVoided, VOIDED_COLUMNS, type VoidedTicketRow } from './ticket-closing.js';

/** Tickets a line can still be taken off: nothing of them is in a box yet. */
const UNPACKED = ['OPEN', 'PICKED'] as const;

/**
 * Takes order lines off the tickets they are printed on but not packed from (a line
 * cancelled, terminated or held after printing): the ticket line is marked closed, so it is
 * neither picked nor packed and never ships. A cancelled or terminated line's demand goes; a
 * held line's demand is open again (and held), so making it active prints it on a new ticket.
 * A ticket left with no line is VOIDED. A ticket already packed keeps its boxes: what is in
 * them ships, and orders applies it.
 */
export async function takeLinesOffTickets(
  em: EntityManager,
  outbox: OutboxService,
  lineIds: string[],
  reason: ClosedReason,
): Promise<void> {
  // Locks the tickets first, as picking and packing do, so a pick or a pack in flight either
  // finishes before (and the line is no longer on an unpacked ticket) or sees the line closed.
  const tickets = await rows<{ id: string }>(
    em,
    `SELECT id FROM warehouse.pick_tickets
      WHERE id IN (SELECT pick_ticket_id FROM warehouse.pick_ticket_lines WHERE order_line_id = ANY($1::uuid[]))
        AND status = ANY($2::text[])
      ORDER BY id FOR UPDATE`,
    [lineIds, UNPACKED],
  );
  const ticketIds = tickets.map((t) => t.id);
  if (ticketIds.length === 0) return;
  await em.query(
    `UPDATE warehouse.pick_ticket_lines SET closed = $3
      WHERE pick_ticket_id = ANY($1::uuid[]) AND order_line_id = ANY($2::uuid[]) AND closed IS NULL`,
    [ticketIds, lineIds, reason],
  );
  if (reason === 'HELD') {
    await em.query(
      `UPDATE warehouse.pick_demand SET status = 'OPEN', pick_ticket_id = NULL, held = true
        WHERE pick_ticket_id = ANY($1::uuid[]) AND order_line_id = ANY($2::uuid[]) AND status = ANY($3::text[])`,
      [ticketIds, lineIds, pickDemandStatus.into('OPEN')],
    );
  } else {
    await em.query(
      `DELETE FROM warehouse.pick_demand WHERE pick_ticket_id = ANY($1::uuid[]) AND order_line_id = ANY($2::uuid[])`,
      [ticketIds, lineIds],
    );
  }
  const voided = await rows<VoidedTicketRow>(
    em,
    `UPDATE warehouse.pick_tickets t SET status = 'VOIDED', void_reason = $2, updated_at = now()
      WHERE t.id = ANY($1::uuid[]) AND t.status = ANY($3::text[])
        AND NOT EXISTS (SELECT 1 FROM warehouse.pick_ticket_lines l WHERE l.pick_ticket_id = t.id AND l.closed IS NULL)
      RETURNING ${VOIDED_COLUMNS}`,
    [ticketIds, 'every line on it was cancelled, terminated or held', pickTicketStatus.into('VOIDED', UNPACKED)],
  );
  await announceVoided(em, outbox, voided);
}
