import { Controller, type OnModuleInit } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  GetInvoiceRequest,
  type InvoiceView,
  ListInvoicesRequest,
  type Page,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import { EventConsumers } from '#platform';
import { InvoicePostingService } from './invoice-posting.service.js';
import { InvoiceQueriesService } from './invoice-queries.service.js';

@Controller()
export class InvoicesHandler implements OnModuleInit {
  constructor(
    private readonly posting: InvoicePostingService,
    private readonly queries: InvoiceQueriesService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.on<ShipmentShippedEvent>(WarehouseSubjects.shipmentShipped, (event, em) => this.posting.postForShipment(em, event.data));
  }

  @MessagePattern(BillingSubjects.getInvoice)
  get(@Payload() request: GetInvoiceRequest): Promise<InvoiceView> {
    return this.queries.get(request.id);
  }

  @MessagePattern(BillingSubjects.listInvoices)
  list(@Payload() request: ListInvoicesRequest): Promise<Page<InvoiceView>> {
    return this.queries.list(request);
  }
}
