import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BillingSubjects, InventorySubjects, WarehouseSubjects } from '#contracts';
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
    this.consumers.on(WarehouseSubjects.pickTicketPrinted, { versions: [1] }, (e, em) =>
      this.fulfilment.pickTicketPrinted(em, e.data),
    );
    this.consumers.on(WarehouseSubjects.shipmentShipped, { versions: [1] }, (e, em) =>
      this.fulfilment.shipmentShipped(em, e.data),
    );
    this.consumers.on(WarehouseSubjects.pickTicketVoided, { versions: [1] }, (e, em) =>
      this.fulfilment.pickTicketVoided(em, e.data),
    );
    this.consumers.on(BillingSubjects.invoicePosted, { versions: [1] }, (e, em) =>
      this.fulfilment.invoicePosted(em, e.data),
    );
    this.consumers.on(BillingSubjects.creditNotePosted, { versions: [1] }, (e, em) =>
      this.fulfilment.creditNotePosted(em, e.data),
    );
    this.consumers.on(BillingSubjects.paymentRecorded, { versions: [1] }, (e, em) =>
      this.fulfilment.paymentRecorded(em, e.data),
    );
    this.consumers.on(InventorySubjects.backorderReleased, { versions: [1] }, (e, em) =>
      this.released.apply(em, e.data),
    );
  }
}
