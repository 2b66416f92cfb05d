export const BillingSubjects = {
  getInvoice: 'billing.invoice.get',
  listInvoices: 'billing.invoice.list',
  recordPayment: 'billing.payment.record',
  invoicePosted: 'events.billing.invoice.posted',
  paymentRecorded: 'events.billing.payment.recorded',
} as const;
