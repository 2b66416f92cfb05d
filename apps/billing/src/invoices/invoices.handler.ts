import { Controller, type OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  GetInvoiceRequest,
  type InvoiceView,
  ListInvoicesRequest,
  OrdersSubjects,
  type Page,
} from '#contracts';
import { EventConsumers, Handles } from '#platform';
import { OrderCopiesService } from '../orders/order-copies.service.js';
import { InvoicePostingService } from './invoice-posting.service.js';
import { InvoiceQueriesService } from './invoice-queries.service.js';

@Controller()
export class InvoicesHandler implements OnModuleInit {
  constructor(
    private readonly posting: InvoicePostingService,
    private readonly queries: InvoiceQueriesService,
    private readonly consumers: EventConsumers,
    private readonly orderCopies: OrderCopiesService,
  ) {}

  onModuleInit(): void {
    // Billing's copy of each placed order; a one-step INVOICE order is billed in the same transaction.
    this.consumers.on(OrdersSubjects.orderPlaced, { versions: [1] }, async (event, em) => {
      await this.orderCopies.record(em, event.data);
      await this.posting.postAtEntry(em, event.data);
    });
    // What a shipment makes billable, as orders decided it (kits once complete).
    this.consumers.on(OrdersSubjects.linesShipped, { versions: [1] }, (event, em) =>
      this.posting.postForShipment(em, event.data),
    );
    this.consumers.on(OrdersSubjects.linesChanged, { versions: [1] }, async (event, em) => {
      await this.orderCopies.applyLineChanges(em, event.data);
      await this.posting.postPreShipped(em, event.data);
    });
  }

  @Handles(BillingSubjects.getInvoice)
  get(@Payload() request: GetInvoiceRequest): Promise<InvoiceView> {
    return this.queries.get(request.id);
  }

  @Handles(BillingSubjects.listInvoices)
  list(@Payload() request: ListInvoicesRequest): Promise<Page<InvoiceView>> {
    return this.queries.list(request);
  }
}
