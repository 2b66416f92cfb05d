import { Controller, type OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AllocatePaymentRequest,
  BillingSubjects,
  type CustomerPaymentView,
  OrdersSubjects,
  type PaymentView,
  RecordCustomerPaymentRequest,
  RecordPaymentRequest,
  RefundPaymentRequest,
  UnappliedCashRequest,
  type UnappliedCashView,
} from '#contracts';
import { AllowRoles, EventConsumers, Handles } from '#platform';
import { PaymentAllocationService } from './payment-allocation.service.js';
import { PaymentRecordingService } from './payment-recording.service.js';
import { PaymentRefundService } from './payment-refund.service.js';
import { UnappliedCashQuery } from './unapplied-cash.query.js';

@Controller()
export class PaymentsHandler implements OnModuleInit {
  constructor(
    private readonly payments: PaymentRecordingService,
    private readonly allocations: PaymentAllocationService,
    private readonly refunds: PaymentRefundService,
    private readonly unapplied: UnappliedCashQuery,
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

  @Handles(BillingSubjects.receivePayment)
  @AllowRoles('admin', 'finance')
  receive(@Payload() request: RecordCustomerPaymentRequest): Promise<CustomerPaymentView> {
    return this.allocations.receive(request);
  }

  @Handles(BillingSubjects.allocatePayment)
  @AllowRoles('admin', 'finance')
  allocate(@Payload() request: AllocatePaymentRequest): Promise<CustomerPaymentView> {
    return this.allocations.allocate(request);
  }

  @Handles(BillingSubjects.refundPayment)
  @AllowRoles('admin', 'finance')
  refund(@Payload() request: RefundPaymentRequest): Promise<CustomerPaymentView> {
    return this.refunds.refund(request);
  }

  @Handles(BillingSubjects.unappliedCash)
  @AllowRoles('admin', 'finance')
  unappliedCash(@Payload() request: UnappliedCashRequest): Promise<UnappliedCashView> {
    return this.unapplied.forCustomer(request.customerId);
  }
}
