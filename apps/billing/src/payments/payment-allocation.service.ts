import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type AllocatePaymentRequest,
  type AllocationRequest,
  BillingSubjects,
  type CustomerPaymentView,
  type IllegalTransitionDetails,
  type PaymentAllocatedEvent,
  type PaymentRecordedEvent,
  type RecordCustomerPaymentRequest,
} from '#contracts';
import { auditActorOf, currentContext, DomainError, oneRow, OutboxService, rows } from '#platform';
import { findInvoice, type InvoiceRow } from '../invoices/invoice.rows.js';
import { invoiceStatus } from '../invoices/invoice.machine.js';
import { OpenItemsService } from '../receivables/open-items.service.js';
import {
  type CustomerPaymentRow,
  customerPaymentView,
  findCustomerPayment,
  findCustomerPaymentByKey,
  lockCustomerPayment,
  replayedPayment,
} from './customer-payment.rows.js';
import { applyPaymentToInvoice } from './invoice-payment.js';

/**
 * Customer payments: money received, allocated to invoices now or later, the rest on account
 * until it is allocated or refunded. Each allocation is an invoice payment (`billing.payments`
 * with `customer_payment_id`), so reversals, aging and the consistency rules read it as they
 * read any payment. Allocations and refunds of an existing payment lock its row first, so
 * concurrent requests queue on it and can never together take more than its rest (refunds:
 * PaymentRefundService).
 */
@Injectable()
export class PaymentAllocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly openItems: OpenItemsService,
    private readonly outbox: OutboxService,
  ) {}

  async receive(request: RecordCustomerPaymentRequest): Promise<CustomerPaymentView> {
    const key = currentContext()?.idempotencyKey;
    return this.dataSource.transaction(async (em) => {
      const earlier = key ? await this.replay(em, key, request) : undefined;
      if (earlier) return earlier;
      const id = await this.insert(em, request, key);
      // Another request with this key committed while we waited on its row: answer with its payment.
      if (!id) return (await this.replay(em, key!, request))!;
      // Our own insert: no one else can see the row before we commit, so it needs no lock.
      const payment = (await findCustomerPayment(em, id))!;
      await this.allocateIn(em, payment, request.allocations, 'allocations');
      return customerPaymentView(em, (await findCustomerPayment(em, id))!);
    });
  }

  async allocate(request: AllocatePaymentRequest): Promise<CustomerPaymentView> {
    return this.dataSource.transaction(async (em) => {
      const payment = await lockCustomerPayment(em, request.paymentId);
      // Stored on the request's first invoice payment; prefixed so it cannot meet a key of POST /payments.
      const key = currentContext()?.idempotencyKey;
      const stored = key ? `allocation:${key}` : undefined;
      if (stored) {
        const [earlier] = await rows<{ customer_payment_id: string | null }>(
          em,
          `SELECT customer_payment_id FROM billing.payments WHERE idempotency_key = $1`,
          [stored],
        );
        if (earlier) return replayedPayment(em, payment, earlier.customer_payment_id);
      }
      await this.allocateIn(em, payment, request.allocations, 'allocations', stored);
      return customerPaymentView(em, (await findCustomerPayment(em, payment.id))!);
    });
  }

  /**
   * Applies each allocation to its invoice, all or nothing (any refusal rolls the transaction back).
   * Invoices are taken in id order so two requests allocating to the same invoices lock them in the
   * same order and cannot deadlock; errors still name the allocation by its place in the request.
   */
  private async allocateIn(
    em: EntityManager,
    payment: CustomerPaymentRow,
    allocations: readonly AllocationRequest[],
    field: string,
    key?: string,
  ): Promise<void> {
    const total = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
    if (total > payment.unapplied_minor) {
      throw new DomainError(
        'OVER_ALLOCATION',
        `Allocations of ${total} exceed the ${payment.unapplied_minor} unallocated of payment ${payment.id}`,
        { field, paymentId: payment.id, unappliedMinor: payment.unapplied_minor, amountMinor: total },
      );
    }
    const ordered = allocations
      .map((allocation, index) => ({ allocation, field: `${field}[${index}]` }))
      .sort((a, b) => a.allocation.invoiceId.localeCompare(b.allocation.invoiceId));
    for (const [index, { allocation, field: at }] of ordered.entries())
      await this.allocateOne(em, payment, allocation, at, index === 0 ? key : undefined);
  }

  private async allocateOne(
    em: EntityManager,
    payment: CustomerPaymentRow,
    allocation: AllocationRequest,
    field: string,
    key: string | undefined,
  ): Promise<void> {
    const invoice = await this.allocatable(em, payment, allocation.invoiceId, field);
    const context = currentContext();
    const { id: invoicePaymentId, received_at } = await oneRow<{ id: string; received_at: Date }>(
      em,
      `INSERT INTO billing.payments (invoice_id, amount_minor, currency, method, reference, actor, request_id, customer_payment_id,
                                     idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, received_at`,
      [
        invoice.id,
        allocation.amountMinor,
        payment.currency,
        payment.method,
        payment.reference,
        auditActorOf(context?.caller),
        context?.requestId ?? null,
        payment.id,
        key ?? null,
      ],
    );
    const status = await applyPaymentToInvoice(em, invoice, allocation.amountMinor, `${field}.amountMinor`);
    const openMinor = await this.openItems.settle(em, invoice.id, allocation.amountMinor);
    const { unapplied_minor } = await oneRow<{ unapplied_minor: number }>(
      em,
      `UPDATE billing.customer_payments SET allocated_minor = allocated_minor + $2, unapplied_minor = unapplied_minor - $2
        WHERE id = $1 RETURNING unapplied_minor`,
      [payment.id, allocation.amountMinor],
    );
    // `payment recorded` keeps what its consumers (orders' paid amount) know; `payment allocated` says whose money it was.
    const recorded: PaymentRecordedEvent = {
      paymentId: invoicePaymentId,
      invoiceId: invoice.id,
      orderId: invoice.order_id,
      amountMinor: allocation.amountMinor,
      currency: payment.currency,
      invoiceStatus: status,
      invoiceOpenMinor: openMinor,
    };
    await this.outbox.add(em, BillingSubjects.paymentRecorded, recorded);
    const allocated: PaymentAllocatedEvent = {
      ...recorded,
      paymentId: payment.id,
      invoicePaymentId,
      customerId: payment.customer_id,
      paymentUnappliedMinor: unapplied_minor,
      allocatedAt: new Date(received_at).toISOString(),
    };
    await this.outbox.add(em, BillingSubjects.paymentAllocated, allocated);
  }

  /** The invoice, if this payment may be allocated to it: the customer's own, in its currency, not voided. */
  private async allocatable(
    em: EntityManager,
    payment: CustomerPaymentRow,
    invoiceId: string,
    field: string,
  ): Promise<InvoiceRow> {
    const invoice = await findInvoice(em, invoiceId);
    const at = `${field}.invoiceId`;
    if (!invoice)
      throw new DomainError('INVOICE_NOT_FOUND', `No invoice with id ${invoiceId}`, { field: at, id: invoiceId });
    if (invoice.customer_id !== payment.customer_id) {
      throw new DomainError('CUSTOMER_MISMATCH', `Invoice ${invoice.number} is another customer's`, {
        field: at,
        invoiceId,
        paymentCustomerId: payment.customer_id,
      });
    }
    if (invoice.currency !== payment.currency) {
      throw new DomainError(
        'CURRENCY_MISMATCH',
        `Invoice ${invoice.number} is in ${invoice.currency}, the payment in ${payment.currency}`,
        { field: at, invoiceCurrency: invoice.currency, paymentCurrency: payment.currency },
      );
    }
    if (invoice.status === 'VOIDED') {
      // The table allows nothing from VOIDED; said here so the error names the allocation.
      const details: IllegalTransitionDetails & { field: string } = {
        machine: 'invoice status',
        subject: `Invoice ${invoice.number}`,
        from: 'VOIDED',
        to: 'PARTLY_PAID',
        allowed: [...invoiceStatus.allowedFrom('VOIDED')],
        field: at,
      };
      throw new DomainError('ILLEGAL_TRANSITION', `Invoice ${invoice.number} is voided and takes no payment`, details);
    }
    return invoice;
  }

  private async insert(
    em: EntityManager,
    request: RecordCustomerPaymentRequest,
    key: string | undefined,
  ): Promise<string | undefined> {
    const context = currentContext();
    const inserted = await rows<{ id: string }>(
      em,
      `INSERT INTO billing.customer_payments (customer_id, currency, amount_minor, unapplied_minor, method, reference, received_on,
                                              idempotency_key, actor, request_id)
       VALUES ($1, $2, $3, $3, $4, $5, COALESCE($6::date, (now() AT TIME ZONE 'UTC')::date), $7, $8, $9)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        request.customerId,
        request.currency,
        request.amountMinor,
        request.method,
        request.reference ?? null,
        request.receivedOn ?? null,
        key ?? null,
        auditActorOf(context?.caller),
        context?.requestId ?? null,
      ],
    );
    return inserted[0]?.id;
  }

  /** The payment an earlier request with this key made, or undefined; refuses a key reused for a different payment. */
  private async replay(
    em: EntityManager,
    key: string,
    request: RecordCustomerPaymentRequest,
  ): Promise<CustomerPaymentView | undefined> {
    const payment = await findCustomerPaymentByKey(em, key);
    if (!payment) return undefined;
    const same =
      payment.customer_id === request.customerId &&
      payment.amount_minor === request.amountMinor &&
      payment.currency === request.currency;
    if (!same) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different payment', {
        paymentId: payment.id,
      });
    }
    return customerPaymentView(em, payment);
  }
}
