import type { Page } from '../common/paging.js';
import type {
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
import type { BillingSubjects } from './billing.subjects.js';

/** What each billing command or query takes and answers (`ServiceClient.request` reads it). */
export interface BillingCommands {
  [BillingSubjects.getInvoice]: { request: GetInvoiceRequest; reply: InvoiceView };
  [BillingSubjects.listInvoices]: { request: ListInvoicesRequest; reply: Page<InvoiceView> };
  [BillingSubjects.recordPayment]: { request: RecordPaymentRequest; reply: PaymentView };
  [BillingSubjects.listCreditNotes]: { request: ListCreditNotesRequest; reply: Page<CreditNoteView> };
  [BillingSubjects.reverseOrder]: { request: ReverseOrderBillingRequest; reply: ReverseOrderBillingReply };
}

/** The payload of each billing event (`OutboxService.add` and `EventConsumers.on` read it). */
export interface BillingEvents {
  [BillingSubjects.invoiceVoided]: InvoiceVoidedEvent;
  [BillingSubjects.invoicePosted]: InvoicePostedEvent;
  [BillingSubjects.creditNotePosted]: CreditNotePostedEvent;
  [BillingSubjects.paymentRecorded]: PaymentRecordedEvent;
}
