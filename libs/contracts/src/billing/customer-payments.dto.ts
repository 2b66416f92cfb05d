import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsoDate, Matching, MinorUnits, NestedList, Text, TextLimits, Uuid } from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { type InvoiceStatus, type PaymentMethod, PaymentMethods } from './billing.dto.js';

/** At most this many invoices are settled by one payment in one request. */
export const MAX_ALLOCATIONS = 100;

/** Part of a payment applied to one invoice. */
export class AllocationRequest {
  @ApiProperty()
  @Uuid()
  invoiceId: string;

  @ApiProperty({ example: 2000, description: 'Amount in minor units' })
  @MinorUnits({ min: 1 })
  amountMinor: number;
}

/** Money received from a customer; `allocations` apply parts of it to invoices, the rest stays on account. */
export class RecordCustomerPaymentRequest {
  @ApiProperty()
  @Uuid()
  customerId: string;

  @ApiProperty({ example: 3998, description: 'Amount received, in minor units' })
  @MinorUnits({ min: 1 })
  amountMinor: number;

  @ApiProperty({ example: 'EUR' })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;

  @ApiProperty({ enum: PaymentMethods })
  @IsIn(PaymentMethods, { message: `method must be one of ${PaymentMethods.join(', ')}` })
  method: PaymentMethod;

  @ApiPropertyOptional({ example: 'BANK-REF-42' })
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'The day the money was received (today when absent)' })
  @IsOptional()
  @IsoDate()
  receivedOn?: string;

  @NestedList(() => AllocationRequest, { max: MAX_ALLOCATIONS })
  allocations: AllocationRequest[];
}

/** The body of `POST /payments/:id/allocations`: allocate part of a payment's unallocated rest to invoices. */
export class AllocatePaymentBody {
  @NestedList(() => AllocationRequest, { min: 1, max: MAX_ALLOCATIONS })
  allocations: AllocationRequest[];
}

export class AllocatePaymentRequest extends AllocatePaymentBody {
  @ApiProperty()
  @Uuid()
  paymentId: string;
}

/** The body of `POST /payments/:id/refunds`: pay part of a payment's unallocated rest back to the customer. */
export class RefundPaymentBody {
  @ApiProperty({ example: 500, description: 'Amount paid out, in minor units' })
  @MinorUnits({ min: 1 })
  amountMinor: number;

  @ApiPropertyOptional({ example: 'PAYOUT-7' })
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;
}

export class RefundPaymentRequest extends RefundPaymentBody {
  @ApiProperty()
  @Uuid()
  paymentId: string;
}

export class UnappliedCashRequest {
  @ApiProperty()
  @Uuid()
  customerId: string;
}

export class AllocationView {
  @ApiProperty({ description: 'The invoice payment this allocation recorded' }) invoicePaymentId: string;
  @ApiProperty() invoiceId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty() amountMinor: number;
  @ApiProperty() allocatedAt: string;
}

export class RefundView {
  @ApiProperty() id: string;
  @ApiProperty() amountMinor: number;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty() refundedAt: string;
}

export class CustomerPaymentView {
  @ApiProperty() id: string;
  @ApiProperty() customerId: string;
  @ApiProperty() amountMinor: number;
  @ApiProperty() currency: Currency;
  @ApiProperty({ enum: PaymentMethods }) method: PaymentMethod;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty({ example: '2026-12-01' }) receivedOn: string;
  @ApiProperty() allocatedMinor: number;
  @ApiProperty() refundedMinor: number;
  @ApiProperty({ description: 'On account: amount - allocated - refunded' }) unappliedMinor: number;
  @ApiProperty({ type: [AllocationView] }) allocations: AllocationView[];
  @ApiProperty({ type: [RefundView] }) refunds: RefundView[];
}

export const UnappliedCashSources = ['PAYMENT', 'VOIDED_INVOICE'] as const;
export type UnappliedCashSource = (typeof UnappliedCashSources)[number];

/** One amount on the customer's account. */
export class UnappliedCashItem {
  @ApiProperty({
    enum: UnappliedCashSources,
    description: "PAYMENT: a payment's unallocated rest; VOIDED_INVOICE: a payment kept when its invoice was voided",
  })
  source: UnappliedCashSource;
  @ApiProperty({ description: 'The customer payment (PAYMENT) or the invoice payment (VOIDED_INVOICE)' })
  paymentId: string;
  @ApiPropertyOptional({ description: 'The voided invoice the money came off (VOIDED_INVOICE)' })
  fromInvoiceId?: string;
  @ApiProperty() currency: Currency;
  @ApiProperty({ description: 'What came on account' }) amountMinor: number;
  @ApiProperty({ description: 'What of it is still on account' }) openMinor: number;
  @ApiProperty() since: string;
}

export class UnappliedCashTotal {
  @ApiProperty() currency: Currency;
  @ApiProperty() openMinor: number;
}

export class UnappliedCashView {
  @ApiProperty() customerId: string;
  @ApiProperty({ type: [UnappliedCashItem] }) items: UnappliedCashItem[];
  @ApiProperty({ type: [UnappliedCashTotal] }) totals: UnappliedCashTotal[];
}

/** `events.billing.payment.allocated` v1: part of a customer payment applied to an invoice. */
export interface PaymentAllocatedEvent {
  paymentId: string;
  /** The invoice payment the allocation recorded (also published as `payment recorded`). */
  invoicePaymentId: string;
  customerId: string;
  invoiceId: string;
  orderId: string;
  currency: Currency;
  amountMinor: number;
  invoiceStatus: InvoiceStatus;
  invoiceOpenMinor: number;
  /** What of the payment is still unallocated after this allocation. */
  paymentUnappliedMinor: number;
  allocatedAt: string;
}
