import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Payload } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { BillingSubjects, type FactsPage, FactsPageRequest, type InvoiceFact, type InvoiceLineFact } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { invoiceFacts, invoiceLineFacts } from './invoice-facts.query.js';

/** What billing knows, page by page, for the system-wide consistency check (the gateway compares). */
@Controller()
export class ConsistencyHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Handles(BillingSubjects.invoiceFacts)
  @AllowRoles('admin')
  invoices(@Payload() request: FactsPageRequest): Promise<FactsPage<InvoiceFact>> {
    return invoiceFacts(this.dataSource, request);
  }

  @Handles(BillingSubjects.invoiceLineFacts)
  @AllowRoles('admin')
  invoiceLines(@Payload() request: FactsPageRequest): Promise<FactsPage<InvoiceLineFact>> {
    return invoiceLineFacts(this.dataSource, request);
  }
}
