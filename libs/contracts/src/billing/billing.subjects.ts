import { deadLetterSubjects } from '../common/dead-letters.js';

export const BillingSubjects = {
  ...deadLetterSubjects('billing'),
  getInvoice: 'billing.invoice.get',
  listInvoices: 'billing.invoice.list',
  recordPayment: 'billing.payment.record',
  receivePayment: 'billing.payment.receive',
  allocatePayment: 'billing.payment.allocate',
  refundPayment: 'billing.payment.refund',
  unappliedCash: 'billing.customer.unapplied-cash',
  listCreditNotes: 'billing.creditnote.list',
  reverseOrder: 'billing.order.reverse',
  aging: 'billing.receivables.aging',
  invoiceFacts: 'billing.consistency.invoices',
  invoiceLineFacts: 'billing.consistency.invoice-lines',
  invoiceVoided: 'events.billing.invoice.voided',
  invoicePosted: 'events.billing.invoice.posted',
  creditNotePosted: 'events.billing.creditnote.posted',
  paymentRecorded: 'events.billing.payment.recorded',
  creditApplied: 'events.billing.credit.applied',
  paymentAllocated: 'events.billing.payment.allocated',
} as const;
