import type { EntityManager } from 'typeorm';
import { DomainError, rows } from '#platform';

/** The series every invoice posted from a shipment is numbered in. */
export const INVOICE_SERIES = 'INV';

export interface TakenNumber {
  seq: number;
  number: string;
}

/**
 * Takes the next number of a series inside the caller's transaction. One conditional
 * UPDATE both reads and advances the counter and holds the series row until commit, so
 * two postings never get the same number, and a rollback gives the number back: no gaps.
 */
export async function takeNextNumber(em: EntityManager, series: string): Promise<TakenNumber> {
  const taken = await rows<{ number: string }>(
    em,
    `UPDATE billing.invoice_series SET next_number = next_number + 1 WHERE code = $1 RETURNING next_number - 1 AS number`,
    [series],
  );
  if (taken.length === 0) throw new DomainError('NOT_FOUND', `There is no invoice number series ${series}`, { series });
  const seq = Number(taken[0].number);
  return { seq, number: formatInvoiceNumber(series, seq) };
}

/** `INV`, 1 -> `INV-000001`; numbers past 999999 simply grow wider. */
export function formatInvoiceNumber(series: string, seq: number): string {
  return `${series}-${String(seq).padStart(6, '0')}`;
}
