import type { Currency, InvoiceView, PaymentMethod, PaymentView } from '#contracts';
import { maybeRow, type Queryable } from '#platform';

/** A row of `billing.payments`. */
export interface PaymentRow {
  id: string;
  invoice_id: string;
  amount_minor: number;
  currency: Currency;
  method: PaymentMethod;
  reference: string | null;
  idempotency_key: string | null;
  actor: string;
  request_id: string | null;
  received_at: Date;
}

const PAYMENT_COLUMNS = `id, invoice_id, amount_minor, currency, method, reference, idempotency_key, actor, request_id, received_at`;

export function findPayment(db: Queryable, id: string): Promise<PaymentRow | undefined> {
  return maybeRow<PaymentRow>(db, `SELECT ${PAYMENT_COLUMNS} FROM billing.payments WHERE id = $1`, [id]);
}

/** The payment made under an idempotency key, or undefined. */
export function findPaymentByKey(db: Queryable, key: string): Promise<PaymentRow | undefined> {
  return maybeRow<PaymentRow>(db, `SELECT ${PAYMENT_COLUMNS} FROM billing.payments WHERE idempotency_key = $1`, [key]);
}

export function paymentView(payment: PaymentRow, invoice: InvoiceView): PaymentView {
  return {
    id: payment.id,
    invoiceId: payment.invoice_id,
    amountMinor: payment.amount_minor,
    currency: payment.currency,
    method: payment.method,
    reference: payment.reference ?? undefined,
    receivedAt: new Date(payment.received_at).toISOString(),
    invoice,
  };
}
