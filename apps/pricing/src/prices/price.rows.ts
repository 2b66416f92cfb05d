import type { Currency, PriceView } from '#contracts';

/** A row of `pricing.prices`: what one unit of a SKU costs in a currency from `valid_from` on. */
export interface PriceRow {
  id: string;
  sku: string;
  currency: Currency;
  unit_price_minor: number;
  /** A calendar date, `YYYY-MM-DD` (read as text: a date has no time zone). */
  valid_from: string;
}

export const PRICE_COLUMNS = `id, sku, currency, unit_price_minor, valid_from::text AS valid_from`;

export function toPriceView(row: PriceRow): PriceView {
  return {
    id: row.id,
    sku: row.sku,
    currency: row.currency,
    unitPriceMinor: row.unit_price_minor,
    validFrom: row.valid_from,
  };
}
