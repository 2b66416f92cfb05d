import type { InvoiceStatus } from './billing.dto.js';

/** An invoice with its open item and the money applied to it (`billing.consistency.invoices`). */
export interface InvoiceFact {
  invoiceId: string;
  number: string;
  orderId: string;
  status: InvoiceStatus;
  totalMinor: number;
  postedAt: string;
  /** The A/R open item posted with the invoice; absent when there is none. */
  openItem?: { originalMinor: number; openMinor: number };
  /** Payments recorded against the invoice. */
  paymentsMinor: number;
  /** Of those, what was reversed (a re-opened order's payments). */
  reversedMinor: number;
}

/** One line of an invoice (`billing.consistency.invoice-lines`). */
export interface InvoiceLineFact {
  invoiceId: string;
  lineNo: number;
  orderLineId: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}
