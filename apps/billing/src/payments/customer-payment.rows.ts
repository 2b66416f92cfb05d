import type { AllocationView, Currency, CustomerPaymentView, PaymentMethod, RefundView } from '#contracts';
import { DomainError, maybeRow, type Queryable, rows } from '#platform';

/** A row of `billing.customer_payments`: money received from a customer. */
export interface CustomerPaymentRow {
  id: string;
  customer_id: string;
  currency: Currency;
  amount_minor: number;
  allocated_minor: number;
  refunded_minor: number;
  unapplied_minor: number;
  method: PaymentMethod;
  reference: string | null;
  received_on: string;
  idempotency_key: string | null;
}

interface AllocationRow {
  id: string;
  invoice_id: string;
  number: string;
  amount_minor: number;
  received_at: Date;
}

interface RefundRow {
  id: string;
  amount_minor: number;
  reference: string | null;
  created_at: Date;
}

const COLUMNS = `id, customer_id, currency, amount_minor, allocated_minor, refunded_minor, unapplied_minor, method, reference,
  to_char(received_on, 'YYYY-MM-DD') AS received_on, idempotency_key`;

/** The customer payment, or undefined; `forUpdate` locks its row until the transaction ends. */
export function findCustomerPayment(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<CustomerPaymentRow | undefined> {
  return maybeRow<CustomerPaymentRow>(
    db,
    `SELECT ${COLUMNS} FROM billing.customer_payments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
}

export function findCustomerPaymentByKey(db: Queryable, key: string): Promise<CustomerPaymentRow | undefined> {
  return maybeRow<CustomerPaymentRow>(
    db,
    `SELECT ${COLUMNS} FROM billing.customer_payments WHERE idempotency_key = $1`,
    [key],
  );
}

/** The payment with its allocations (invoice payments) and refunds, oldest first. */
export async function customerPaymentView(db: Queryable, payment: CustomerPaymentRow): Promise<CustomerPaymentView> {
  const allocations = await rows<AllocationRow>(
    db,
    `SELECT p.id, p.invoice_id, i.number, p.amount_minor, p.received_at
       FROM billing.payments p JOIN billing.invoices i ON i.id = p.invoice_id
      WHERE p.customer_payment_id = $1 ORDER BY p.received_at, p.id`,
    [payment.id],
  );
  const refunds = await rows<RefundRow>(
    db,
    `SELECT id, amount_minor, reference, created_at FROM billing.payment_refunds
      WHERE customer_payment_id = $1 ORDER BY created_at, id`,
    [payment.id],
  );
  return {
    id: payment.id,
    customerId: payment.customer_id,
    amountMinor: payment.amount_minor,
    currency: payment.currency,
    method: payment.method,
    reference: payment.reference ?? undefined,
    receivedOn: payment.received_on,
    allocatedMinor: payment.allocated_minor,
    refundedMinor: payment.refunded_minor,
    unappliedMinor: payment.unapplied_minor,
    allocations: allocations.map((a): AllocationView => ({
      invoicePaymentId: a.id,
      invoiceId: a.invoice_id,
      invoiceNumber: a.number,
      amountMinor: a.amount_minor,
      allocatedAt: new Date(a.received_at).toISOString(),
    })),
    refunds: refunds.map((r): RefundView => ({
      id: r.id,
      amountMinor: r.amount_minor,
      reference: r.reference ?? undefined,
      refundedAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** The answer to a retried allocation or refund: the payment as it is, if the key was used for it. */
export async function replayedPayment(
  db: Queryable,
  payment: CustomerPaymentRow,
  usedFor: string | null,
): Promise<CustomerPaymentView> {
  if (usedFor !== payment.id) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another payment', {
      paymentId: usedFor,
    });
  }
  return customerPaymentView(db, payment);
}

/** The customer payment, its row locked until the transaction ends; PAYMENT_NOT_FOUND naming `paymentId`. */
export async function lockCustomerPayment(db: Queryable, id: string): Promise<CustomerPaymentRow> {
  const payment = await findCustomerPayment(db, id, true);
  if (!payment)
    throw new DomainError('PAYMENT_NOT_FOUND', `No customer payment with id ${id}`, { field: 'paymentId', id });
  return payment;
}
