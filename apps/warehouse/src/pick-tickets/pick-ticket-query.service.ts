import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, In, type Repository } from 'typeorm';
import type { ListPickTicketsRequest, Page, PickTicketView } from '#contracts';
import { DomainError } from '#platform';
import { PickTicketEntity, PickTicketLineEntity } from './pick-ticket.entity.js';

/** Reads pick tickets with their lines. */
@Injectable()
export class PickTicketQueryService {
  constructor(
    @InjectRepository(PickTicketEntity) private readonly tickets: Repository<PickTicketEntity>,
    @InjectRepository(PickTicketLineEntity) private readonly lines: Repository<PickTicketLineEntity>,
  ) {}

  async get(id: string): Promise<PickTicketView> {
    const ticket = await this.tickets.findOneBy({ id });
    if (!ticket) throw new DomainError('PICK_TICKET_NOT_FOUND', `No pick ticket with id ${id}`, { id });
    return (await this.withLines([ticket]))[0];
  }

  /** The tickets with these ids, in number order. */
  async byIds(ids: string[]): Promise<PickTicketView[]> {
    if (ids.length === 0) return [];
    return this.withLines(await this.tickets.find({ where: { id: In(ids) }, order: { number: 'ASC' } }));
  }

  /** Oldest first, so a scanner asking for OPEN tickets gets them in printing order. */
  async list(request: ListPickTicketsRequest): Promise<Page<PickTicketView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const where: FindOptionsWhere<PickTicketEntity> = {};
    if (request.orderId) where.orderId = request.orderId;
    if (request.status) where.status = request.status;
    const [tickets, total] = await this.tickets.findAndCount({
      where,
      order: { number: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: await this.withLines(tickets), total, limit, offset };
  }

  private async withLines(tickets: PickTicketEntity[]): Promise<PickTicketView[]> {
    if (tickets.length === 0) return [];
    const lines = await this.lines.find({
      where: { pickTicketId: In(tickets.map((t) => t.id)) },
      order: { sku: 'ASC', orderLineId: 'ASC' },
    });
    return tickets.map((t) => t.toView(lines.filter((l) => l.pickTicketId === t.id)));
  }
}
