import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Currency } from '#contracts';
import { DomainError, rows } from '#platform';

export interface OpenItemSource {
  invoiceId: string;
  customerId: string;
  currency: Currency;
  totalMinor: number;
  /** The invoice's due date, from its customer's payment terms. */
  dueDate: string;
}

/** A/R open items; every method runs inside the caller's transaction. */
@Injectable()
export class OpenItemsService {
  /** Records what the customer owes on a just-posted invoice, due on its due date. */
  async open(em: EntityManager, source: OpenItemSource): Promise<void> {
    await em.query(
      `INSERT INTO billing.ar_open_items (invoice_id, customer_id, currency, original_minor, open_minor, due_date)
       VALUES ($1, $2, $3, $4, $4, $5)`,
      [source.invoiceId, source.customerId, source.currency, source.totalMinor, source.dueDate],
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
