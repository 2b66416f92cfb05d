import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type GeneratePickTicketsRequest,
  type PickTicketPrintedEvent,
  type PickTicketView,
  WarehouseSubjects,
} from '#contracts';
import { OutboxService, rows } from '#platform';
import { documentNumber, takeNumbers } from '../common/counters.js';
import { pickDemandStatus } from '../pick-demand/pick-demand.machine.js';
import { PickTicketQueryService } from './pick-ticket-query.service.js';

interface DemandRow {
  id: string;
  order_id: string;
  order_number: string;
  order_line_id: string;
  sku: string;
  location_code: string;
  quantity: number;
}

interface NewTicket {
  id: string;
  number: string;
  demand: DemandRow[];
}

/**
 * Prints pick tickets: open demand up to the cut-off becomes one ticket per order and
 * ship-from location, all stamped with the next picking cycle, in one transaction.
 */
@Injectable()
export class PickTicketGenerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly query: PickTicketQueryService,
  ) {}

  async generate(request: GeneratePickTicketsRequest): Promise<PickTicketView[]> {
    const cutoff = request.cutoff ? new Date(request.cutoff) : new Date();
    const ids = await this.dataSource.transaction(async (em) => {
      const demand = await this.claimDueDemand(em, cutoff, request.locationCode);
      if (demand.length === 0) return [];
      const groups = groupByOrderAndLocation(demand);
      const cycle = await takeNumbers(em, 'picking_cycle');
      const first = await takeNumbers(em, 'pick_ticket', groups.length);
      const tickets = groups.map((group, i) => ({
        id: randomUUID(),
        number: documentNumber('PT', first + i),
        demand: group,
      }));
      await this.insertTickets(em, tickets, cycle, cutoff);
      await this.markTicketed(em, tickets);
      for (const ticket of tickets)
        await this.outbox.add(em, WarehouseSubjects.pickTicketPrinted, toPrintedEvent(ticket, cycle));
      return tickets.map((t) => t.id);
    });
    return this.query.byIds(ids);
  }

  /**
   * Locks the open demand that is due. Runs queue on the picking-cycle counter row first,
   * so each run sees what earlier runs committed and never splits an order's demand with a
   * concurrent run. SKIP LOCKED then passes over rows a packing transaction is reopening
   * (the next run takes them), and the status condition is re-checked when marking.
   */
  private async claimDueDemand(em: EntityManager, cutoff: Date, locationCode?: string): Promise<DemandRow[]> {
    await em.query(`SELECT value FROM warehouse.counters WHERE name = 'picking_cycle' FOR UPDATE`);
    return rows<DemandRow>(
      em,
      `SELECT id, order_id, order_number, order_line_id, sku, location_code, quantity FROM warehouse.pick_demand
        WHERE status = 'OPEN' AND NOT held AND order_date <= $1 AND ($2::text IS NULL OR location_code = $2)
        ORDER BY order_date, order_number, location_code, sku, order_line_id
        FOR UPDATE SKIP LOCKED`,
      [cutoff, locationCode ?? null],
    );
  }

  private async insertTickets(em: EntityManager, tickets: NewTicket[], cycle: number, cutoff: Date): Promise<void> {
    await em.query(
      `INSERT INTO warehouse.pick_tickets (id, number, order_id, order_number, location_code, picking_cycle, status, cutoff)
       SELECT t.*, $6::int, 'OPEN', $7::timestamptz FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[]) AS t`,
      [
        tickets.map((t) => t.id),
        tickets.map((t) => t.number),
        tickets.map((t) => t.demand[0].order_id),
        tickets.map((t) => t.demand[0].order_number),
        tickets.map((t) => t.demand[0].location_code),
        cycle,
        cutoff,
      ],
    );
    const lines = tickets.flatMap((t) => t.demand.map((d) => ({ ticketId: t.id, ...d })));
    await em.query(
      `INSERT INTO warehouse.pick_ticket_lines (pick_ticket_id, order_line_id, sku, quantity)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[])`,
      [
        lines.map((l) => l.ticketId),
        lines.map((l) => l.order_line_id),
        lines.map((l) => l.sku),
        lines.map((l) => l.quantity),
      ],
    );
  }

  private async markTicketed(em: EntityManager, tickets: NewTicket[]): Promise<void> {
    const demand = tickets.flatMap((t) => t.demand.map((d) => ({ id: d.id, ticketId: t.id })));
    const updated = await rows(
      em,
      `UPDATE warehouse.pick_demand d SET status = 'TICKETED', pick_ticket_id = u.ticket_id
         FROM unnest($1::uuid[], $2::uuid[]) AS u(id, ticket_id)
        WHERE d.id = u.id AND d.status = ANY($3::text[])
        RETURNING d.id`,
      [demand.map((d) => d.id), demand.map((d) => d.ticketId), pickDemandStatus.into('TICKETED')],
    );
    // The rows are locked by this transaction, so this cannot happen; if it ever did, it rolls back.
    pickDemandStatus.assertMoved('TICKETED', updated.length, demand.length, 'Claimed pick demand');
  }
}

/** One group per (order, location), in the order the demand came (order date, then number). */
function groupByOrderAndLocation(demand: DemandRow[]): DemandRow[][] {
  const groups = new Map<string, DemandRow[]>();
  for (const row of demand) {
    const key = `${row.order_id}|${row.location_code}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

function toPrintedEvent(ticket: NewTicket, pickingCycle: number): PickTicketPrintedEvent {
  return {
    pickTicketId: ticket.id,
    number: ticket.number,
    pickingCycle,
    orderId: ticket.demand[0].order_id,
    locationCode: ticket.demand[0].location_code,
    lines: ticket.demand.map((d) => ({ orderLineId: d.order_line_id, sku: d.sku, quantity: d.quantity })),
  };
}
