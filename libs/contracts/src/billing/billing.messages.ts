import type { DeadLetterCommands } from '../common/dead-letters.js';
import type { FactsPage, FactsPageRequest } from '../common/consistency.js';
import type { Page } from '../common/paging.js';
import type {
  CreditAppliedEvent,
  CreditNotePostedEvent,
  CreditNoteView,
  GetInvoiceRequest,
  InvoicePostedEvent,
  InvoiceView,
  InvoiceVoidedEvent,
  ListCreditNotesRequest,
  ListInvoicesRequest,
  PaymentRecordedEvent,
  PaymentView,
  RecordPaymentRequest,
  ReverseOrderBillingReply,
  ReverseOrderBillingRequest,
} from './billing.dto.js';
import type { AgingReport, AgingRequest } from './aging.dto.js';
import type {
  AllocatePaymentRequest,
  CustomerPaymentView,
  PaymentAllocatedEvent,
  RecordCustomerPaymentRequest,
  RefundPaymentRequest,
  UnappliedCashRequest,
  UnappliedCashView,
} from './customer-payments.dto.js';
import type { InvoiceFact, InvoiceLineFact } from './consistency.dto.js';
import { BillingSubjects } from './billing.subjects.js';

/** What each billing command or query takes and answers (`ServiceClient.request` reads it). */
export interface BillingCommands extends DeadLetterCommands<'billing'> {
  [BillingSubjects.getInvoice]: { request: GetInvoiceRequest; reply: InvoiceView };
  [BillingSubjects.listInvoices]: { request: ListInvoicesRequest; reply: Page<InvoiceView> };
  [BillingSubjects.recordPayment]: { request: RecordPaymentRequest; reply: PaymentView };
  [BillingSubjects.receivePayment]: { request: RecordCustomerPaymentRequest; reply: CustomerPaymentView };
  [BillingSubjects.allocatePayment]: { request: AllocatePaymentRequest; reply: CustomerPaymentView };
  [BillingSubjects.refundPayment]: { request: RefundPaymentRequest; reply: CustomerPaymentView };
  [BillingSubjects.unappliedCash]: { request: UnappliedCashRequest; reply: UnappliedCashView };
  [BillingSubjects.listCreditNotes]: { request: ListCreditNotesRequest; reply: Page<CreditNoteView> };
  [BillingSubjects.reverseOrder]: { request: ReverseOrderBillingRequest; reply: ReverseOrderBillingReply };
  [BillingSubjects.aging]: { request: AgingRequest; reply: AgingReport };
  [BillingSubjects.invoiceFacts]: { request: FactsPageRequest; reply: FactsPage<InvoiceFact> };
  [BillingSubjects.invoiceLineFacts]: { request: FactsPageRequest; reply: FactsPage<InvoiceLineFact> };
}

/** The payload of each billing event (`OutboxService.add` and `EventConsumers.on` read it). */
export interface BillingEvents {
  [BillingSubjects.invoiceVoided]: InvoiceVoidedEvent;
  [BillingSubjects.invoicePosted]: InvoicePostedEvent;
  [BillingSubjects.creditNotePosted]: CreditNotePostedEvent;
  [BillingSubjects.paymentRecorded]: PaymentRecordedEvent;
  [BillingSubjects.creditApplied]: CreditAppliedEvent;
  [BillingSubjects.paymentAllocated]: PaymentAllocatedEvent;
}

/**
 * The schema version each billing event is written with (the envelope's `v`). Raise one when
 * its payload changes in a way a consumer must know about, and list the new version in the
 * consumers that read it: a consumer dead-letters a version it does not read.
 */
export const BillingEventVersions = {
  [BillingSubjects.invoiceVoided]: 1,
  [BillingSubjects.invoicePosted]: 1,
  [BillingSubjects.creditNotePosted]: 1,
  [BillingSubjects.paymentRecorded]: 1,
  [BillingSubjects.creditApplied]: 1,
  [BillingSubjects.paymentAllocated]: 1,
} as const satisfies Record<keyof BillingEvents, number>;
