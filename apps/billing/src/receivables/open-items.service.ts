import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Currency } from '#contracts';
import { DomainError, rows } from '#platform';

/** Net payment terms of every invoice in the walking skeleton. */
export const PAYMENT_TERMS_DAYS = 30;

export interface OpenItemSource {
  invoiceId: string;
  customerId: string;
  currency: Currency;
  totalMinor: number;
  postedAt: Date;
}

/** A/R open items; every method runs inside the caller's transaction. */
@Injectable()
export class OpenItemsService {
  /** Records what the customer owes on a just-posted invoice, due PAYMENT_TERMS_DAYS after posting. */
  async open(em: EntityManager, source: OpenItemSource): Promise<void> {
    await em.query(
      `INSERT INTO billing.ar_open_items (invoice_id, customer_id, currency, original_minor, open_minor, due_date)
       VALUES ($1, $2, $3, $4, $4, $5)`,
      [source.invoiceId, source.customerId, source.currency, source.totalMinor, dueDate(source.postedAt)],
    );
  }

  /** Takes a payment off the invoice's open item in one conditional statement; returns what stays open. */
  async settle(em: EntityManager, invoiceId: string, amountMinor: number): Promise<number> {
    const updated = await rows<{ open_minor: string }>(
      em,
      `UPDATE billing.ar_open_items SET open_minor = open_minor - $2 WHERE invoice_id = $1 AND open_minor >= $2 RETURNING open_minor`,
      [invoiceId, amountMinor],
    );
    // The invoice's paid amount was raised in the same transaction, so this can only fail if the two disagree.
    if (updated.length === 0)
      throw new DomainError('INTERNAL', `The open item of invoice ${invoiceId} does not match the invoice`);
    return Number(updated[0].open_minor);
  }
}

export function dueDate(postedAt: Date): string {
  return new Date(postedAt.getTime() + PAYMENT_TERMS_DAYS * 86_400_000).toISOString().slice(0, 10);
}
