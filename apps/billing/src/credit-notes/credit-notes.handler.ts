import { Controller, type OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BillingSubjects, type CreditNoteView, ListCreditNotesRequest, OrdersSubjects, type Page } from '#contracts';
import { AllowRoles, currentContext, EventConsumers, Handles } from '#platform';
import { CreditNotesService } from './credit-notes.service.js';

@Controller()
export class CreditNotesHandler implements OnModuleInit {
  constructor(
    private readonly creditNotes: CreditNotesService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.on(OrdersSubjects.returnReceived, { versions: [1] }, (event, em) =>
      this.creditNotes.postForReturn(em, event.data),
    );
    // A credit memo for an overcharge is credited the same way: no goods, the amount credited.
    this.consumers.on(OrdersSubjects.creditIssued, { versions: [1] }, (event, em) =>
      this.creditNotes.postForReturn(em, event.data),
    );
  }

  @Handles(BillingSubjects.listCreditNotes)
  @AllowRoles('admin', 'finance', 'sales', 'customer')
  list(@Payload() request: ListCreditNotesRequest): Promise<Page<CreditNoteView>> {
    return this.creditNotes.list(request, currentContext()?.caller);
  }
}
