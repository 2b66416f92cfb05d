import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Currency, UnappliedCashItem, UnappliedCashSource, UnappliedCashView } from '#contracts';
import { rows } from '#platform';

interface UnappliedCashRow {
  source: UnappliedCashSource;
  payment_id: string;
  from_invoice_id: string | null;
  currency: Currency;
  amount_minor: number;
  open_minor: number;
  since: Date;
}

/**
 * What a customer has on account: the unallocated rest of each customer payment, and each payment
 * kept when its invoice was voided (`billing.unapplied_cash`), oldest first, with totals per currency.
 */
@Injectable()
export class UnappliedCashQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forCustomer(customerId: string): Promise<UnappliedCashView> {
    const found = await rows<UnappliedCashRow>(
      this.dataSource,
      `SELECT 'PAYMENT' AS source, id AS payment_id, NULL::uuid AS from_invoice_id, currency, amount_minor,
              unapplied_minor AS open_minor, created_at AS since
         FROM billing.customer_payments WHERE customer_id = $1 AND unapplied_minor > 0
       UNION ALL
       SELECT 'VOIDED_INVOICE', payment_id, from_invoice_id, currency, amount_minor, open_minor, created_at
         FROM billing.unapplied_cash WHERE customer_id = $1 AND open_minor > 0
       ORDER BY since, payment_id`,
      [customerId],
    );
    const items = found.map((r): UnappliedCashItem => ({
      source: r.source,
      paymentId: r.payment_id,
      ...(r.from_invoice_id ? { fromInvoiceId: r.from_invoice_id } : {}),
      currency: r.currency,
      amountMinor: r.amount_minor,
      openMinor: r.open_minor,
      since: new Date(r.since).toISOString(),
    }));
    const totals = new Map<Currency, number>();
    for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0) + item.openMinor);
    return {
      customerId,
      items,
      totals: [...totals].map(([currency, openMinor]) => ({ currency, openMinor })),
    };
  }
}
