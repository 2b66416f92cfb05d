import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CustomerPaymentView, RefundPaymentRequest } from '#contracts';
import { auditActorOf, currentContext, DomainError, rows } from '#platform';
import {
  customerPaymentView,
  findCustomerPayment,
  lockCustomerPayment,
  replayedPayment,
} from './customer-payment.rows.js';

/**
 * Refunds of unapplied cash: part of a customer payment's rest paid back, with a record of the
 * payout. The payment's row is locked first, as allocations lock it, so refunds and allocations
 * together never take more than the rest.
 */
@Injectable()
export class PaymentRefundService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pays part of the payment's rest back to the customer; never more than what is still on account. */
  async refund(request: RefundPaymentRequest): Promise<CustomerPaymentView> {
    return this.dataSource.transaction(async (em) => {
      const payment = await lockCustomerPayment(em, request.paymentId);
      const context = currentContext();
      // The payment's row lock makes a retry of this refund wait for the first and then find it here.
      if (context?.idempotencyKey) {
        const [earlier] = await rows<{ customer_payment_id: string }>(
          em,
          `SELECT customer_payment_id FROM billing.payment_refunds WHERE idempotency_key = $1`,
          [context.idempotencyKey],
        );
        if (earlier) return replayedPayment(em, payment, earlier.customer_payment_id);
      }
      if (request.amountMinor > payment.unapplied_minor) {
        throw new DomainError(
          'OVER_ALLOCATION',
          `A refund of ${request.amountMinor} exceeds the ${payment.unapplied_minor} on account of payment ${payment.id}`,
          { field: 'amountMinor', paymentId: payment.id, unappliedMinor: payment.unapplied_minor },
        );
      }
      await em.query(
        `INSERT INTO billing.payment_refunds (customer_payment_id, amount_minor, reference, idempotency_key, actor, request_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          payment.id,
          request.amountMinor,
          request.reference ?? null,
          context?.idempotencyKey ?? null,
          auditActorOf(context?.caller),
          context?.requestId ?? null,
        ],
      );
      await em.query(
        `UPDATE billing.customer_payments SET refunded_minor = refunded_minor + $2, unapplied_minor = unapplied_minor - $2
          WHERE id = $1`,
        [payment.id, request.amountMinor],
      );
      return customerPaymentView(em, (await findCustomerPayment(em, payment.id))!);
    });
  }
}
