import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AgingReport,
  AgingRequest,
  BillingSubjects,
  CreditNoteView,
  InvoiceView,
  ListCreditNotesRequest,
  ListInvoicesRequest,
  PaymentView,
  RecordPaymentRequest,
} from '#contracts';
import { ServiceClient } from '#platform';
import { Idempotent } from '../idempotency/idempotency.interceptor.js';
import { ApiNotFound, ApiPage, ApiStandardErrors, ApiUnprocessable } from '../openapi/api-docs.js';
import { uuid } from './params.js';

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
  @Idempotent()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe key: a retried payment is recorded once',
  })
  @ApiOperation({ summary: 'Record a payment against an invoice' })
  @ApiCreatedResponse({ type: PaymentView })
  @ApiNotFound('The invoice')
  @ApiUnprocessable('More than the open amount (OVERPAYMENT) or another currency (CURRENCY_MISMATCH)')
  recordPayment(@Body() body: RecordPaymentRequest) {
    return this.services.request(BillingSubjects.recordPayment, body);
  }
}
