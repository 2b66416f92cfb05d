import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import type { InvoiceView, ListInvoicesRequest, Page } from '#contracts';
import { currentContext, DomainError } from '#platform';
import { InvoiceEntity } from './invoice.entity.js';

/** Reads invoices for callers: a `customer` caller only ever sees its own customer's invoices. */
@Injectable()
export class InvoiceQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<InvoiceView> {
    const invoice = await this.load(this.dataSource.manager, id);
    const scope = customerScope();
    if (scope !== undefined && invoice.customerId !== scope) {
      throw new DomainError('FORBIDDEN', `Invoice ${id} belongs to another customer`, { id });
    }
    return invoice.toView();
  }

  async list(request: ListInvoicesRequest): Promise<Page<InvoiceView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const scope = customerScope();
    // A filter, not a write: invoice statuses move only through their table (invoice.machine.ts).
    const where: FindOptionsWhere<InvoiceEntity> = {
      ...(request.orderId && { orderId: request.orderId }),
      ...(request.status && { status: request.status }),
      ...(scope !== undefined && { customerId: scope }),
    };
    const [invoices, total] = await this.dataSource.manager.findAndCount(InvoiceEntity, {
      where,
      relations: { lines: true },
      order: { postedAt: 'DESC', seq: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items: invoices.map((i) => i.toView()), total, limit, offset };
  }

  /** The invoice as it stands inside `em`'s transaction, for replies of other use cases (no caller check). */
  async view(em: EntityManager, id: string): Promise<InvoiceView> {
    return (await this.load(em, id)).toView();
  }

  private async load(em: EntityManager, id: string): Promise<InvoiceEntity> {
    const invoice = await em.findOne(InvoiceEntity, { where: { id }, relations: { lines: true } });
    if (!invoice) throw new DomainError('INVOICE_NOT_FOUND', `No invoice with id ${id}`, { id });
    return invoice;
  }
}

/** For a `customer` caller, the one customer whose invoices it may read; undefined for staff and services. */
function customerScope(): string | undefined {
  const caller = currentContext()?.caller;
  if (caller?.role !== 'customer') return undefined;
  if (!caller.customerId) throw new DomainError('FORBIDDEN', 'This caller has the customer role but no customer');
  return caller.customerId;
}
