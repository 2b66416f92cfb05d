import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Matching, MinorUnits, Text, TextLimits, Uuid } from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';

export const InvoiceStatuses = ['POSTED', 'PARTLY_PAID', 'PAID', 'VOIDED'] as const;
export type InvoiceStatus = (typeof InvoiceStatuses)[number];
export const PaymentMethods = ['BANK_TRANSFER', 'CARD', 'CASH', 'CHEQUE'] as const;
export type PaymentMethod = (typeof PaymentMethods)[number];

/** What an invoice line bills: an order line, a charge (freight, a miscellaneous charge, a line's shipping fee) or tax. */
export const InvoiceLineKinds = ['ORDER_LINE', 'CHARGE', 'TAX'] as const;
export type InvoiceLineKind = (typeof InvoiceLineKinds)[number];

/** The charge code of a line's shipping fee on an invoice (the line names its order line). */
export const SHIP_FEE_CHARGE_CODE = 'SHIP_FEE';

export class InvoiceLineView {
  @ApiProperty() lineNo: number;
  @ApiProperty({ enum: InvoiceLineKinds, description: 'What the line bills' }) kind: InvoiceLineKind;
  @ApiPropertyOptional({ description: 'ORDER_LINE, and a CHARGE that is a line shipping fee: the order line' })
  orderLineId?: string;
  @ApiPropertyOptional({ description: 'ORDER_LINE: the item' }) sku?: string;
  @ApiPropertyOptional({ example: 'NL-PARCEL', description: 'CHARGE: the freight rule or charge code, or SHIP_FEE' })
  chargeCode?: string;
  @ApiPropertyOptional({ example: 'Tax 21%' }) description?: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPriceMinor: number;
  @ApiProperty({ description: 'What the line adds to the invoice total' }) lineTotalMinor: number;
  @ApiPropertyOptional({
    description: 'ORDER_LINE and CHARGE: the rate the line is taxed at (its tax is on a TAX line)',
  })
  taxPercent?: number;
  @ApiPropertyOptional({ description: "ORDER_LINE and CHARGE: the line's tax, rounded half-up per line" })
  taxMinor?: number;
}

/** A payment taken off an invoice (its order was re-opened) and kept on account for the customer. */
export class UnallocatedPaymentView {
  @ApiProperty() paymentId: string;
  @ApiProperty() amountMinor: number;
  @ApiProperty({ example: 'Order re-opened' }) reason: string;
  @ApiProperty() unallocatedAt: string;
  @ApiProperty({ description: "Kept on account as the customer's unapplied cash" }) keptOnAccount: boolean;
}

export class InvoiceView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'INV-000001', description: 'Gapless within its series' }) number: string;
  @ApiProperty({ example: 'INV' }) series: string;
  @ApiProperty() orderId: string;
  @ApiProperty() orderNumber: string;
  @ApiPropertyOptional({ description: 'The shipment billed (absent for one-step and pre-shipped billing)' })
  shipmentId?: string;
  @ApiProperty() customerId: string;
  @ApiProperty() currency: Currency;
  @ApiProperty({ enum: InvoiceStatuses }) status: InvoiceStatus;
  @ApiProperty({ description: 'Sum of lineTotalMinor over every line: order lines, charges and tax' })
  totalMinor: number;
  @ApiProperty({ description: 'Of the total: the CHARGE lines' }) chargesMinor: number;
  @ApiProperty({ description: 'Of the total: the TAX lines' }) taxMinor: number;
  @ApiProperty({ description: 'Payments allocated to the invoice (0 once voided)' }) paidMinor: number;
  @ApiProperty({ description: 'Credit notes applied to the invoice' }) creditedMinor: number;
  @ApiProperty({ description: 'What the customer still owes on it: total - paid - credited (0 once voided)' })
  openMinor: number;
  @ApiProperty() postedAt: string;
  @ApiProperty({ example: 'NET30', description: "The customer's payment terms when it was posted" })
  paymentTerms: string;
  @ApiProperty({ example: '2027-01-03', description: 'The posting day plus the days of the terms (UTC)' })
  dueDate: string;
  @ApiPropertyOptional({ description: 'VOIDED: when' }) voidedAt?: string;
  @ApiPropertyOptional({ description: 'VOIDED: why' }) voidReason?: string;
  @ApiProperty({
    type: [UnallocatedPaymentView],
    description: 'Payments un-allocated from this invoice when it was voided, kept on account for the customer',
  })
  unallocatedPayments: UnallocatedPaymentView[];
  @ApiProperty({ type: [InvoiceLineView] }) lines: InvoiceLineView[];
}

/** `billing.invoice.get` */
export class GetInvoiceRequest {
  @ApiProperty()
  @Uuid()
  id: string;
}

export class ListInvoicesRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Uuid()
  orderId?: string;

  @ApiPropertyOptional({ enum: InvoiceStatuses })
  @IsOptional()
  @IsIn(InvoiceStatuses, { message: `status must be one of ${InvoiceStatuses.join(', ')}` })
  status?: InvoiceStatus;
}

export class RecordPaymentRequest {
  @ApiProperty()
  @Uuid()
  invoiceId: string;

  @ApiProperty({ example: 3998, description: 'Amount in minor units' })
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
}

export class PaymentView {
  @ApiProperty() id: string;
  @ApiProperty() invoiceId: string;
  @ApiProperty() amountMinor: number;
  @ApiProperty() currency: Currency;
  @ApiProperty({ enum: PaymentMethods }) method: PaymentMethod;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ type: InvoiceView }) invoice: InvoiceView;
}

/** `events.billing.invoice.posted`: the stream finance systems read. */
export interface InvoicePostedEvent {
  invoiceId: string;
  number: string;
  series: string;
  orderId: string;
  orderNumber: string;
  /** Absent for one-step invoice orders and pre-shipped lines. */
  shipmentId?: string;
  customerId: string;
  currency: Currency;
  totalMinor: number;
  postedAt: string;
  /** The ORDER_LINE lines (version 1's shape); charges and taxes are in `charges` and `taxes`. */
  lines: Array<{ orderLineId: string; sku: string; quantity: number; unitPriceMinor: number; lineTotalMinor: number }>;
  /** CHARGE lines: freight, miscellaneous charges and line shipping fees (absent: none). */
  charges?: Array<{ lineNo: number; code: string; description: string; orderLineId?: string; amountMinor: number }>;
  /** TAX lines, one per rate (absent: none). totalMinor = Σ lines + Σ charges + Σ taxes. */
  taxes?: Array<{ lineNo: number; percent: number; taxMinor: number }>;
  /** The customer's payment terms the invoice was posted with (absent in events from before). */
  paymentTerms?: string;
  /** YYYY-MM-DD: the posting day plus the terms' days. */
  dueDate?: string;
}

/** `events.billing.payment.recorded` */
export interface PaymentRecordedEvent {
  paymentId: string;
  invoiceId: string;
  orderId: string;
  amountMinor: number;
  currency: Currency;
  invoiceStatus: InvoiceStatus;
  invoiceOpenMinor: number;
}

/** Part of a credit note applied to an invoice's open amount. */
export class CreditApplicationView {
  @ApiProperty() invoiceId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty() amountMinor: number;
  @ApiProperty() appliedAt: string;
}

export class CreditNoteView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'CN-000001', description: 'Gapless within the CN series' }) number: string;
  @ApiProperty() returnId: string;
  @ApiProperty() returnNumber: string;
  @ApiProperty() originalOrderId: string;
  @ApiProperty() originalOrderNumber: string;
  @ApiProperty() customerId: string;
  @ApiProperty() currency: Currency;
  @ApiProperty({ description: 'Returned goods at their credited prices' }) goodsMinor: number;
  @ApiProperty() handlingChargeMinor: number;
  @ApiProperty({ description: 'goods - handling charge' }) totalMinor: number;
  @ApiProperty({ enum: ['CREDIT_MEMO', 'REFUND'] }) settlement: 'CREDIT_MEMO' | 'REFUND';
  @ApiProperty({ description: 'Applied to open invoices: the original order first' }) appliedMinor: number;
  @ApiProperty({ type: [CreditApplicationView] }) applications: CreditApplicationView[];
  @ApiProperty({ description: 'Paid out: at most what was paid on the original and not already credited' })
  refundedMinor: number;
  @ApiProperty({ description: 'Kept on account for the customer: total - applied - refunded' }) openMinor: number;
  @ApiProperty() postedAt: string;
}

export class ListCreditNotesRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Uuid()
  returnId?: string;

  @ApiPropertyOptional({ description: 'The original order' })
  @IsOptional()
  @Uuid()
  orderId?: string;
}

/** `events.billing.credit.applied`: part of a credit note reduced an invoice's open amount. */
export interface CreditAppliedEvent {
  creditNoteId: string;
  creditNoteNumber: string;
  invoiceId: string;
  invoiceNumber: string;
  orderId: string;
  customerId: string;
  currency: Currency;
  amountMinor: number;
  invoiceStatus: InvoiceStatus;
  invoiceOpenMinor: number;
}

/** `events.billing.creditnote.posted` */
export interface CreditNotePostedEvent {
  creditNoteId: string;
  number: string;
  returnId: string;
  originalOrderId: string;
  customerId: string;
  currency: Currency;
  totalMinor: number;
  settlement: 'CREDIT_MEMO' | 'REFUND';
  postedAt: string;
}

export class ReverseOrderBillingRequest {
  @ApiProperty()
  @Uuid()
  orderId: string;

  @ApiProperty({ example: 'Order re-opened' })
  @Text(TextLimits.note)
  reason: string;
}

export class ReverseOrderBillingReply {
  @ApiProperty() orderId: string;
  @ApiProperty() voidedInvoices: Array<{ id: string; number: string; totalMinor: number }>;
  @ApiProperty() reversedPaymentsMinor: number;
  @ApiProperty({ description: "Of those, what stays on account as the customer's unapplied cash (all of it)" })
  keptOnAccountMinor: number;
}

/** `events.billing.invoice.voided`: the invoice keeps its number; its payments were reversed. */
export interface InvoiceVoidedEvent {
  invoiceId: string;
  number: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  currency: Currency;
  totalMinor: number;
  reversedPaymentsMinor: number;
  /** What of the reversed payments stays on account for the customer (events before it: all of them). */
  keptOnAccountMinor?: number;
  reason: string;
}
