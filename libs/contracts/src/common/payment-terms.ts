/** A customer's payment terms: paid before anything is picked, due when invoiced, or due n days after the invoice. */
export const PAYMENT_TERMS_PATTERN = /^(PREPAID|DUE_ON_RECEIPT|NET\d{1,3})$/;

/** The terms an invoice gets when its customer's are not known (orders from before terms travelled with them). */
export const DEFAULT_PAYMENT_TERMS = 'NET30';

/** Days from an invoice's date to its due date under the terms: NET45 → 45; PREPAID and DUE_ON_RECEIPT → 0. */
export function daysToPay(terms: string): number {
  const net = /^NET(\d{1,3})$/.exec(terms);
  if (net) return Number(net[1]);
  if (terms === 'PREPAID' || terms === 'DUE_ON_RECEIPT') return 0;
  throw new RangeError(`Unknown payment terms ${terms}`);
}

/** The due date (YYYY-MM-DD, UTC calendar days) of an invoice posted at `postedAt` under the terms. */
export function dueDateFor(terms: string, postedAt: Date): string {
  const day = Date.UTC(postedAt.getUTCFullYear(), postedAt.getUTCMonth(), postedAt.getUTCDate());
  return new Date(day + daysToPay(terms) * 86_400_000).toISOString().slice(0, 10);
}
