import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ConfirmPicksRequest, PickTicketView } from '#contracts';
import { rows } from '#platform';
import { currentActor } from '../common/actor.js';
import { assertNotVoided, pickTicketStatus, pickTicketSubject } from './pick-ticket.machine.js';
import { PickTicketQueryService } from './pick-ticket-query.service.js';
import { lockPickTicket, pickTicketLines, tallyAgainstTicket } from './pick-ticket.rows.js';

/** Confirms what was picked for a ticket: OPEN -> PICKED. */
@Injectable()
export class PickingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly query: PickTicketQueryService,
  ) {}

  /** Lines not named are recorded as not picked; no lines at all means every line still on the ticket in full. */
  async confirm(request: ConfirmPicksRequest): Promise<PickTicketView> {
    await this.dataSource.transaction(async (em) => {
      const ticket = await lockPickTicket(em, request.pickTicketId);
      assertNotVoided(ticket);
      pickTicketStatus.assertCanMove(ticket.status, 'PICKED', pickTicketSubject(ticket));
      const lines = await pickTicketLines(em, ticket.id);
      const picked = request.lines
        ? tallyAgainstTicket(ticket.number, lines, request.lines, { of: (l) => l.quantity, what: 'are on the ticket' })
        : new Map(lines.filter((l) => !l.closed).map((l) => [l.order_line_id, l.quantity]));
      await em.query(
        `UPDATE warehouse.pick_ticket_lines l SET picked_quantity = COALESCE(
           (SELECT p.quantity FROM unnest($2::uuid[], $3::int[]) AS p(order_line_id, quantity) WHERE p.order_line_id = l.order_line_id), 0)
          WHERE l.pick_ticket_id = $1`,
        [ticket.id, [...picked.keys()], [...picked.values()]],
      );
      const moved = await rows(
        em,
        `UPDATE warehouse.pick_tickets SET status = 'PICKED', picked_by = $2, updated_at = now()
          WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
        [ticket.id, currentActor(), pickTicketStatus.into('PICKED')],
      );
      pickTicketStatus.assertMoved('PICKED', moved.length, 1, pickTicketSubject(ticket));
    });
    return this.query.get(request.pickTicketId);
  }
}
