import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ContainerRequest, PackRequest, ShipmentView } from '#contracts';
import { DomainError, oneRow, rows } from '#platform';
import { currentActor } from '../common/actor.js';
import { createShipment, type NewContainer } from '../shipments/shipment.records.js';
import { ShipmentQueryService } from '../shipments/shipment-query.service.js';
import { pickDemandStatus } from '../pick-demand/pick-demand.machine.js';
import { assertNotVoided, pickTicketStatus, pickTicketSubject } from './pick-ticket.machine.js';
import {
  type LockedPickTicket,
  lockPickTicket,
  type PickTicketLineRow,
  pickTicketLines,
  tallyAgainstTicket,
} from './pick-ticket.rows.js';

/**
 * Packs a picked ticket into containers: PICKED -> PACKED, creating a PACKED shipment.
 * Whatever the ticket asked for but was not packed goes back to open pick demand, so the
 * next run prints it on a new ticket (a partial shipment now, the rest later).
 */
@Injectable()
export class PackingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shipments: ShipmentQueryService,
  ) {}

  async pack(request: PackRequest): Promise<ShipmentView> {
    const shipmentId = await this.dataSource.transaction(async (em) => {
      const ticket = await lockPickTicket(em, request.pickTicketId);
      assertNotVoided(ticket);
      pickTicketStatus.assertCanMove(ticket.status, 'PACKED', pickTicketSubject(ticket));
      const lines = await pickTicketLines(em, ticket.id);
      const containers = request.containers
        ? requestedContainers(ticket.number, lines, request.containers)
        : [everythingPicked(ticket, lines)];
      const packed = new Map<string, number>();
      for (const container of containers)
        for (const [id, qty] of container.lines) packed.set(id, (packed.get(id) ?? 0) + qty);
      await em.query(
        `UPDATE warehouse.pick_ticket_lines l SET packed_quantity = COALESCE(
           (SELECT p.quantity FROM unnest($2::uuid[], $3::int[]) AS p(order_line_id, quantity) WHERE p.order_line_id = l.order_line_id), 0)
          WHERE l.pick_ticket_id = $1`,
        [ticket.id, [...packed.keys()], [...packed.values()]],
      );
      const id = await createShipment(em, {
        pickTicketId: ticket.id,
        orderId: ticket.order_id,
        orderNumber: ticket.order_number,
        locationCode: ticket.location_code,
        containers,
      });
      const moved = await rows(
        em,
        `UPDATE warehouse.pick_tickets SET status = 'PACKED', packed_by = $2, updated_at = now()
          WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
        [ticket.id, currentActor(), pickTicketStatus.into('PACKED')],
      );
      pickTicketStatus.assertMoved('PACKED', moved.length, 1, pickTicketSubject(ticket));
      await reopenUnpackedDemand(em, ticket);
      return id;
    });
    return this.shipments.get(shipmentId);
  }
}

function everythingPicked(ticket: LockedPickTicket, lines: PickTicketLineRow[]): NewContainer {
  // A line taken off the ticket after it was picked goes back to the shelf, not into the box.
  const picked = lines.filter((l) => l.picked_quantity > 0 && !l.closed);
  if (picked.length === 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Nothing was picked on pick ticket ${ticket.number}, so there is nothing to pack`,
    );
  }
  return { code: 'BOX-1', lines: new Map(picked.map((l) => [l.order_line_id, l.picked_quantity])) };
}

/** Checks the containers against what was picked (all containers together) and gives each a code. */
function requestedContainers(
  ticketNumber: string,
  lines: PickTicketLineRow[],
  containers: ContainerRequest[],
): NewContainer[] {
  tallyAgainstTicket(
    ticketNumber,
    lines,
    containers.flatMap((c) => c.lines),
    { of: (l) => l.picked_quantity, what: 'were picked' },
  );
  const result = containers.map((c, i) => ({
    code: c.code ?? `BOX-${i + 1}`,
    weightGrams: c.weightGrams,
    lines: tallyAgainstTicket(ticketNumber, lines, c.lines, { of: (l) => l.picked_quantity, what: 'were picked' }),
  }));
  const codes = result.map((c) => c.code);
  const duplicate = codes.find((code, i) => codes.indexOf(code) !== i);
  if (duplicate) {
    throw new DomainError('VALIDATION_FAILED', `Container code ${duplicate} is used twice in one shipment`, {
      fields: [{ field: 'containers.code', problems: [`${duplicate} is used twice`] }],
    });
  }
  return result;
}

/**
 * Puts the unpacked rest of each line back on the line's demand row as OPEN. Every row still
 * on this ticket is TICKETED, so each one the ticket's lines find must move; one that does
 * not is reported.
 */
async function reopenUnpackedDemand(em: EntityManager, ticket: LockedPickTicket): Promise<void> {
  const { expected, moved } = await oneRow<{ expected: number; moved: number }>(
    em,
    `WITH unpacked AS (
       SELECT d.id, l.quantity - l.packed_quantity AS rest
         FROM warehouse.pick_demand d
         JOIN warehouse.pick_ticket_lines l ON l.pick_ticket_id = d.pick_ticket_id AND l.order_line_id = d.order_line_id
        WHERE l.pick_ticket_id = $1 AND l.quantity > l.packed_quantity
     ), reopened AS (
       UPDATE warehouse.pick_demand d SET status = 'OPEN', pick_ticket_id = NULL, quantity = u.rest
         FROM unpacked u
        WHERE d.id = u.id AND d.status = ANY($2::text[])
       RETURNING d.id
     )
     SELECT (SELECT count(*)::int FROM unpacked) AS expected, (SELECT count(*)::int FROM reopened) AS moved`,
    [ticket.id, pickDemandStatus.into('OPEN')],
  );
  pickDemandStatus.assertMoved('OPEN', moved, expected, `Pick demand of pick ticket ${ticket.number}`);
}
