import { Controller, type OnModuleInit } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  type OrderPlacedEvent,
  OrdersSubjects,
  type PaymentView,
  RecordPaymentRequest,
} from '#contracts';
import { AllowRoles, EventConsumers } from '#platform';
import { PaymentRecordingService } from './payment-recording.service.js';

@Controller()
export class PaymentsHandler implements OnModuleInit {
  constructor(
    private readonly payments: PaymentRecordingService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    // Its own durable consumer: the invoices handler consumes `order placed` too (and posts the invoice this pays).
    this.consumers.on<OrderPlacedEvent>(
      OrdersSubjects.orderPlaced,
      (event, em) => this.payments.payCounterSale(em, event.data),
      'counter-payments',
    );
  }

  @MessagePattern(BillingSubjects.recordPayment)
  @AllowRoles('admin', 'finance')
  record(@Payload() request: RecordPaymentRequest): Promise<PaymentView> {
    return this.payments.record(request);
  }
}
