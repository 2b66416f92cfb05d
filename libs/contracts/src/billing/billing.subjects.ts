export const BillingSubjects = {
  getInvoice: 'billing.invoice.get',
  listInvoices: 'billing.invoice.list',
  recordPayment: 'billing.payment.record',
  listCreditNotes: 'billing.creditnote.list',
  reverseOrder: 'billing.order.reverse',
  invoiceFacts: 'billing.consistency.invoices',
  invoiceLineFacts: 'billing.consistency.invoice-lines',
  invoiceVoided: 'events.billing.invoice.voided',
  invoicePosted: 'events.billing.invoice.posted',
  creditNotePosted: 'events.billing.creditnote.posted',
  paymentRecorded: 'events.billing.payment.recorded',
  creditApplied: 'events.billing.credit.applied',
} as const;
