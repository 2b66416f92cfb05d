import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ListPickTicketsRequest, Page, PickTicketView } from '#contracts';
import { DomainError, maybeRow, oneRow, pageClause, rows, toPage } from '#platform';
import {
  linesOfTickets,
  PICK_TICKET_COLUMNS,
  type PickTicketRow,
  shipmentsOfTickets,
  toPickTicketView,
} from './pick-ticket.rows.js';

/** Reads pick tickets with their lines. */
@Injectable()
export class PickTicketQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<PickTicketView> {
    const ticket = await maybeRow<PickTicketRow>(
      this.dataSource,
      `SELECT ${PICK_TICKET_COLUMNS} FROM warehouse.pick_tickets WHERE id = $1`,
      [id],
    );
    if (!ticket) throw new DomainError('PICK_TICKET_NOT_FOUND', `No pick ticket with id ${id}`, { id });
    return (await this.withLines([ticket]))[0];
  }

  /** The tickets with these ids, in number order. */
  async byIds(ids: string[]): Promise<PickTicketView[]> {
    if (ids.length === 0) return [];
    const tickets = await rows<PickTicketRow>(
      this.dataSource,
      `SELECT ${PICK_TICKET_COLUMNS} FROM warehouse.pick_tickets WHERE id = ANY($1::uuid[]) ORDER BY number`,
      [ids],
    );
    return this.withLines(tickets);
  }

  /** Oldest first, so a scanner asking for OPEN tickets gets them in printing order. */
  async list(request: ListPickTicketsRequest): Promise<Page<PickTicketView>> {
    const where = `WHERE ($1::uuid IS NULL OR order_id = $1) AND ($2::text IS NULL OR status = $2)`;
    const params = [request.orderId ?? null, request.status ?? null];
    const page = pageClause(request, params.length + 1);
    const tickets = await rows<PickTicketRow>(
      this.dataSource,
      `SELECT ${PICK_TICKET_COLUMNS} FROM warehouse.pick_tickets ${where} ORDER BY number ${page.sql}`,
      [...params, ...page.params],
    );
    const { total } = await oneRow<{ total: number }>(
      this.dataSource,
      `SELECT count(*) AS total FROM warehouse.pick_tickets ${where}`,
      params,
    );
    return toPage(await this.withLines(tickets), total, page);
  }

  private async withLines(tickets: PickTicketRow[]): Promise<PickTicketView[]> {
    if (tickets.length === 0) return [];
    const ids = tickets.map((t) => t.id);
    const lines = await linesOfTickets(this.dataSource, ids);
    const shipments = await shipmentsOfTickets(this.dataSource, ids);
    return tickets.map((t) =>
      toPickTicketView(
        t,
        lines.filter((l) => l.pick_ticket_id === t.id),
        shipments.filter((s) => s.pick_ticket_id === t.id),
      ),
    );
  }
}
