import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingSubjects, type PaymentView, RecordPaymentRequest } from '#contracts';
import { AllowRoles } from '#platform';
import { PaymentRecordingService } from './payment-recording.service.js';

@Controller()
export class PaymentsHandler {
  constructor(private readonly payments: PaymentRecordingService) {}

  @MessagePattern(BillingSubjects.recordPayment)
  @AllowRoles('admin', 'finance')
  record(@Payload() request: RecordPaymentRequest): Promise<PaymentView> {
    return this.payments.record(request);
  }
}
