import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { InvoiceView, ListInvoicesRequest, Page } from '#contracts';
import { currentContext, DomainError } from '#platform';
import { listInvoices, readInvoice } from './invoice.rows.js';

/** Reads invoices for callers: a `customer` caller only ever sees its own customer's invoices. */
@Injectable()
export class InvoiceQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<InvoiceView> {
    const invoice = await readInvoice(this.dataSource, id);
    const scope = customerScope();
    if (scope !== undefined && invoice.customerId !== scope) {
      throw new DomainError('FORBIDDEN', `Invoice ${id} belongs to another customer`, { id });
    }
    return invoice;
  }

  list(request: ListInvoicesRequest): Promise<Page<InvoiceView>> {
    return listInvoices(
      this.dataSource,
      { orderId: request.orderId, status: request.status, customerId: customerScope() },
      request,
    );
  }

  /** The invoice as it stands inside `em`'s transaction, for replies of other use cases (no caller check). */
  view(em: EntityManager, id: string): Promise<InvoiceView> {
    return readInvoice(em, id);
  }
}

/** For a `customer` caller, the one customer whose invoices it may read; undefined for staff and services. */
function customerScope(): string | undefined {
  const caller = currentContext()?.caller;
  if (caller?.role !== 'customer') return undefined;
  if (!caller.customerId) throw new DomainError('FORBIDDEN', 'This caller has the customer role but no customer');
  return caller.customerId;
}
