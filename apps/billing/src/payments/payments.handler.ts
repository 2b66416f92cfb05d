import { Controller, type OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BillingSubjects, OrdersSubjects, type PaymentView, RecordPaymentRequest } from '#contracts';
import { AllowRoles, EventConsumers, Handles } from '#platform';
import { PaymentRecordingService } from './payment-recording.service.js';

@Controller()
export class PaymentsHandler implements OnModuleInit {
  constructor(
    private readonly payments: PaymentRecordingService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    // Its own durable consumer: the invoices handler consumes `order placed` too (and posts the invoice this pays).
    this.consumers.on(OrdersSubjects.orderPlaced, { versions: [1], name: 'counter-payments' }, (event, em) =>
      this.payments.payCounterSale(em, event.data),
    );
  }

  @Handles(BillingSubjects.recordPayment)
  @AllowRoles('admin', 'finance')
  record(@Payload() request: RecordPaymentRequest): Promise<PaymentView> {
    return this.payments.record(request);
  }
}
