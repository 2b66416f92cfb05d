import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  AllocatePaymentBody,
  AgingReport,
  AgingRequest,
  BillingSubjects,
  CustomerPaymentView,
  CreditNoteView,
  InvoiceView,
  ListCreditNotesRequest,
  ListInvoicesRequest,
  PaymentView,
  RecordCustomerPaymentRequest,
  RecordPaymentRequest,
  RefundPaymentBody,
  UnappliedCashView,
} from '#contracts';
import { createValidationPipe, ServiceClient } from '#platform';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors, ApiUnprocessable } from '../openapi/api-docs.js';
import { uuid } from './params.js';

/** Validates the body of POST /payments as the shape it has (the route takes two). */
const paymentBody = createValidationPipe();

@ApiTags('Invoices and payments')
@ApiStandardErrors()
@Controller()
export class BillingController {
  constructor(private readonly services: ServiceClient) {}

  @Get('invoices')
  @ApiOperation({ summary: 'List invoices (a customer key sees only its own)' })
  @ApiPage(InvoiceView)
  listInvoices(@Query() query: ListInvoicesRequest) {
    return this.services.request(BillingSubjects.listInvoices, query);
  }

  @Get('invoices/:id')
  @ApiOperation({ summary: 'Get an invoice' })
  @ApiOkResponse({ type: InvoiceView })
  @ApiNotFound('The invoice')
  getInvoice(@Param('id', uuid('id')) id: string) {
    return this.services.request(BillingSubjects.getInvoice, { id });
  }

  @Get('credit-notes')
  @ApiOperation({ summary: 'Credit notes of received returns (a customer key sees only its own)' })
  @ApiPage(CreditNoteView)
  listCreditNotes(@Query() query: ListCreditNotesRequest) {
    return this.services.request(BillingSubjects.listCreditNotes, query);
  }

  @Get('receivables/aging')
  @ApiOperation({
    summary: 'Aging of open receivables as of a day: current, 1-30, 31-60, 61-90 and over 90 days past due',
    description: 'Per customer and currency, and in total per currency; what was open at the end of `asOf` (UTC)',
  })
  @ApiOkResponse({ type: AgingReport })
  aging(@Query() query: AgingRequest) {
    return this.services.request(BillingSubjects.aging, query);
  }

  @Post('payments')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe key: a retried payment is recorded once',
  })
  @ApiOperation({
    summary: 'Record a payment against one invoice, or a customer payment allocated to several',
    description:
      'With `invoiceId` the payment pays that invoice (answers a PaymentView). With `customerId` and `allocations` it ' +
      'is money received from the customer: each allocation pays part of an invoice, the rest stays on account as ' +
      'unapplied cash (answers a CustomerPaymentView).',
  })
  @ApiExtraModels(RecordPaymentRequest, RecordCustomerPaymentRequest, PaymentView, CustomerPaymentView)
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(RecordPaymentRequest) }, { $ref: getSchemaPath(RecordCustomerPaymentRequest) }],
    },
  })
  @ApiCreatedResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(PaymentView) }, { $ref: getSchemaPath(CustomerPaymentView) }] },
  })
  @ApiNotFound('The invoice')
  @ApiUnprocessable(
    'More than the open amount (OVERPAYMENT), allocations over the payment (OVER_ALLOCATION), another currency ' +
      "(CURRENCY_MISMATCH) or another customer's invoice (CUSTOMER_MISMATCH)",
  )
  @ApiConflict('A voided invoice (ILLEGAL_TRANSITION)')
  async recordPayment(@Body() body: object) {
    // Two shapes on one route: a body naming a customer or allocations is a customer payment.
    if ('customerId' in body || 'allocations' in body) {
      const request = (await paymentBody.transform(body, {
        type: 'body',
        metatype: RecordCustomerPaymentRequest,
      })) as RecordCustomerPaymentRequest;
      return this.services.request(BillingSubjects.receivePayment, request);
    }
    const request = (await paymentBody.transform(body, {
      type: 'body',
      metatype: RecordPaymentRequest,
    })) as RecordPaymentRequest;
    return this.services.request(BillingSubjects.recordPayment, request);
  }

  @Post('payments/:id/allocations')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe key: a retried allocation is made once',
  })
  @ApiOperation({ summary: "Allocate part of a customer payment's unallocated rest to open invoices" })
  @ApiCreatedResponse({ type: CustomerPaymentView })
  @ApiNotFound('The payment or the invoice')
  @ApiUnprocessable(
    'More than the payment has unallocated (OVER_ALLOCATION) or than is open (OVERPAYMENT), another currency ' +
      "(CURRENCY_MISMATCH) or another customer's invoice (CUSTOMER_MISMATCH)",
  )
  @ApiConflict('A voided invoice (ILLEGAL_TRANSITION)')
  allocatePayment(@Param('id', uuid('id')) id: string, @Body() body: AllocatePaymentBody) {
    return this.services.request(BillingSubjects.allocatePayment, { ...body, paymentId: id });
  }

  @Post('payments/:id/refunds')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe key: a retried refund pays out once',
  })
  @ApiOperation({ summary: "Refund part of a customer payment's unallocated rest (records the payout)" })
  @ApiCreatedResponse({ type: CustomerPaymentView })
  @ApiNotFound('The payment')
  @ApiUnprocessable('More than the payment has on account (OVER_ALLOCATION)')
  refundPayment(@Param('id', uuid('id')) id: string, @Body() body: RefundPaymentBody) {
    return this.services.request(BillingSubjects.refundPayment, { ...body, paymentId: id });
  }

  @Get('customers/:id/unapplied-cash')
  @ApiOperation({
    summary: "A customer's unapplied cash: payments' unallocated rests and payments kept from voided invoices",
  })
  @ApiOkResponse({ type: UnappliedCashView })
  unappliedCash(@Param('id', uuid('id')) id: string) {
    return this.services.request(BillingSubjects.unappliedCash, { customerId: id });
  }
}
