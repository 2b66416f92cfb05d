import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type BackorderReleasedEvent,
  BillingSubjects,
  type CreditNotePostedEvent,
  InventorySubjects,
  type InvoicePostedEvent,
  type PaymentRecordedEvent,
  type PickTicketPrintedEvent,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import { EventConsumers } from '#platform';
import { FulfilmentService } from './fulfilment.service.js';
import { ReleasedLinesService } from './released-lines.service.js';

/** Durable subscriptions of the orders service to what happens downstream. */
@Injectable()
export class FulfilmentHandler implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly fulfilment: FulfilmentService,
    private readonly released: ReleasedLinesService,
  ) {}

  onModuleInit(): void {
    this.consumers.on<PickTicketPrintedEvent>(WarehouseSubjects.pickTicketPrinted, (e, em) =>
      this.fulfilment.pickTicketPrinted(em, e.data),
    );
    this.consumers.on<ShipmentShippedEvent>(WarehouseSubjects.shipmentShipped, (e, em) =>
      this.fulfilment.shipmentShipped(em, e.data),
    );
    this.consumers.on<InvoicePostedEvent>(BillingSubjects.invoicePosted, (e, em) =>
      this.fulfilment.invoicePosted(em, e.data),
    );
    this.consumers.on<CreditNotePostedEvent>(BillingSubjects.creditNotePosted, (e, em) =>
      this.fulfilment.creditNotePosted(em, e.data),
    );
    this.consumers.on<PaymentRecordedEvent>(BillingSubjects.paymentRecorded, (e, em) =>
      this.fulfilment.paymentRecorded(em, e.data),
    );
    this.consumers.on<BackorderReleasedEvent>(InventorySubjects.backorderReleased, (e, em) =>
      this.released.apply(em, e.data),
    );
  }
}
