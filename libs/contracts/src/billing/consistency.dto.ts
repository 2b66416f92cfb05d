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
  /** Credit notes applied to the invoice and not taken back (absent from older billing: none). */
  creditedMinor?: number;
}

/** One line of an invoice (`billing.consistency.invoice-lines`). */
export interface InvoiceLineFact {
  invoiceId: string;
  lineNo: number;
  /** ORDER_LINE when absent. A CHARGE or TAX line adds its lineTotalMinor to the invoice and bills no quantity. */
  kind?: 'ORDER_LINE' | 'CHARGE' | 'TAX';
  /** For a CHARGE or TAX line: the line's order line if it has one (a shipping fee), else empty. */
  orderLineId: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}
