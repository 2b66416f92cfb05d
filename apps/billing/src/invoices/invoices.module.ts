import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { ReceivablesModule } from '../receivables/receivables.module.js';
import { InvoicePostingService } from './invoice-posting.service.js';
import { InvoiceQueriesService } from './invoice-queries.service.js';
import { InvoicesHandler } from './invoices.handler.js';

@Module({
  imports: [OrdersModule, ReceivablesModule],
  controllers: [InvoicesHandler],
  providers: [InvoicePostingService, InvoiceQueriesService],
  exports: [InvoiceQueriesService],
})
export class InvoicesModule {}
