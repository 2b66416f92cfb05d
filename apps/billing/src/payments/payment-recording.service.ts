import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BillingSubjects,
  type Currency,
  type OrderPlacedEvent,
  orderTypeRule,
  type PaymentRecordedEvent,
  type PaymentView,
  type RecordPaymentRequest,
} from '#contracts';
import { auditActorOf, currentContext, DomainError, OutboxService, RetryLaterError, rows } from '#platform';
import { findInvoice, type InvoiceRow } from '../invoices/invoice.rows.js';
import { InvoiceQueriesService } from '../invoices/invoice-queries.service.js';
import { OpenItemsService } from '../receivables/open-items.service.js';
import { applyPaymentToInvoice } from './invoice-payment.js';
import { findPayment, findPaymentByKey, paymentView } from './payment.rows.js';

/**
 * Records a payment against one invoice. The invoice's paid amount moves in one
 * conditional UPDATE, so concurrent payments can never together pay more than the total.
 * With an idempotency key the same request pays once and is answered with the same payment.
 */
@Injectable()
export class PaymentRecordingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceQueriesService,
    private readonly openItems: OpenItemsService,
    private readonly outbox: OutboxService,
  ) {}

  async record(request: RecordPaymentRequest): Promise<PaymentView> {
    const key = currentContext()?.idempotencyKey;
    return this.dataSource.transaction((em) => this.recordIn(em, request, key));
  }

  /**
   * A counter sale (a one-step INVOICE order entered with a payment method) is paid in full
   * with its invoice. Runs in the consumer's transaction; waits for the invoice if billing
   * has not posted it yet, and pays once (idempotency key `counter:<order id>`).
   */
  async payCounterSale(em: EntityManager, placed: OrderPlacedEvent): Promise<void> {
    if (!orderTypeRule(placed.type).billedAtEntry || !placed.paymentMethod) return;
    const [invoice] = await rows<{ id: string; total_minor: string; currency: Currency }>(
      em,
      `SELECT id, total_minor, currency FROM billing.invoices WHERE source = $1`,
      [`entry:${placed.orderId}`],
    );
    if (!invoice) throw new RetryLaterError(`The invoice of counter sale ${placed.number} is not posted yet`);
    if (Number(invoice.total_minor) === 0) return;
    await this.recordIn(
      em,
      {
        invoiceId: invoice.id,
        amountMinor: Number(invoice.total_minor),
        currency: invoice.currency,
        method: placed.paymentMethod,
        reference: `Counter sale ${placed.number}`,
      },
      `counter:${placed.orderId}`,
    );
  }

  private async recordIn(
    em: EntityManager,
    request: RecordPaymentRequest,
    key: string | undefined,
  ): Promise<PaymentView> {
    const earlier = key ? await this.replay(em, key, request) : undefined;
    if (earlier) return earlier;
    const invoice = await findInvoice(em, request.invoiceId);
    if (!invoice)
      throw new DomainError('INVOICE_NOT_FOUND', `No invoice with id ${request.invoiceId}`, { id: request.invoiceId });
    if (invoice.currency !== request.currency) {
      throw new DomainError(
        'CURRENCY_MISMATCH',
        `Invoice ${invoice.number} is in ${invoice.currency}, the payment in ${request.currency}`,
        {
          invoiceCurrency: invoice.currency,
          paymentCurrency: request.currency,
        },
      );
    }
    const paymentId = await this.insertPayment(em, request, key);
    // Another request with this key committed while we waited on its row: answer with its payment.
    if (!paymentId) return (await this.replay(em, key!, request))!;
    const status = await applyPaymentToInvoice(em, invoice, request.amountMinor);
    const openMinor = await this.openItems.settle(em, invoice.id, request.amountMinor);
    const event: PaymentRecordedEvent = {
      paymentId,
      invoiceId: invoice.id,
      orderId: invoice.order_id,
      amountMinor: request.amountMinor,
      currency: request.currency,
      invoiceStatus: status,
      invoiceOpenMinor: openMinor,
    };
    await this.outbox.add(em, BillingSubjects.paymentRecorded, event);
    const payment = await findPayment(em, paymentId);
    return paymentView(payment!, await this.invoices.view(em, invoice.id));
  }

  /** The payment an earlier request with this key made, or undefined; refuses a key reused for a different payment. */
  private async replay(
    em: EntityManager,
    key: string,
    request: RecordPaymentRequest,
  ): Promise<PaymentView | undefined> {
    const payment = await findPaymentByKey(em, key);
    if (!payment) return undefined;
    const same =
      payment.invoice_id === request.invoiceId &&
      payment.amount_minor === request.amountMinor &&
      payment.currency === request.currency;
    if (!same) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different payment', {
        paymentId: payment.id,
      });
    }
    return paymentView(payment, await this.invoices.view(em, payment.invoice_id));
  }

  /** Inserts the payment row; returns undefined when a payment with the same key already exists. */
  private async insertPayment(
    em: EntityManager,
    request: RecordPaymentRequest,
    key: string | undefined,
  ): Promise<string | undefined> {
    const context = currentContext();
    const inserted = await rows<{ id: string }>(
      em,
      `INSERT INTO billing.payments (invoice_id, amount_minor, currency, method, reference, idempotency_key, actor, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        request.invoiceId,
        request.amountMinor,
        request.currency,
        request.method,
        request.reference ?? null,
        key ?? null,
        auditActorOf(context?.caller),
        context?.requestId ?? null,
      ],
    );
    return inserted[0]?.id;
  }
}
