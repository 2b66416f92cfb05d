import { Controller, type OnModuleInit } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  GetInvoiceRequest,
  type InvoiceView,
  ListInvoicesRequest,
  type LinesChangedEvent,
  type OrderPlacedEvent,
  OrdersSubjects,
  type Page,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import { EventConsumers } from '#platform';
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
    this.consumers.on<OrderPlacedEvent>(OrdersSubjects.orderPlaced, async (event, em) => {
      await this.orderCopies.record(em, event.data);
      await this.posting.postAtEntry(em, event.data);
    });
    this.consumers.on<ShipmentShippedEvent>(WarehouseSubjects.shipmentShipped, (event, em) =>
      this.posting.postForShipment(em, event.data),
    );
    this.consumers.on<LinesChangedEvent>(OrdersSubjects.linesChanged, async (event, em) => {
      await this.orderCopies.applyLineChanges(em, event.data);
      await this.posting.postPreShipped(em, event.data);
    });
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
