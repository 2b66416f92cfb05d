import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { ReceivablesModule } from '../receivables/receivables.module.js';
import { PaymentAllocationService } from './payment-allocation.service.js';
import { PaymentRecordingService } from './payment-recording.service.js';
import { PaymentRefundService } from './payment-refund.service.js';
import { UnappliedCashQuery } from './unapplied-cash.query.js';
import { PaymentsHandler } from './payments.handler.js';

@Module({
  imports: [InvoicesModule, ReceivablesModule],
  controllers: [PaymentsHandler],
  providers: [PaymentRecordingService, PaymentAllocationService, PaymentRefundService, UnappliedCashQuery],
})
export class PaymentsModule {}
