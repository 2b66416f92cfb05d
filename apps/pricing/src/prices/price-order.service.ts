import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Currency, PriceOrderReply, PriceOrderRequest } from '#contracts';
import { DomainError } from '#platform';
import { priceLines, type UnitPrice } from './line-math.js';
import { toPriceDate, todayUtc } from './price-date.js';

/** How many missing SKUs the PRICE_NOT_FOUND message names; `details.skus` has them all. */
const MISSING_SKUS_IN_MESSAGE = 20;

@Injectable()
export class PriceOrderService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Prices every line of an order as of one day (today when `asOf` is absent). All unit
   * prices are read in one query, whatever the number of lines; if any SKU has no price in
   * the currency on that day nothing is priced and PRICE_NOT_FOUND lists every such SKU.
   */
  async price(request: PriceOrderRequest): Promise<PriceOrderReply> {
    const asOf = toPriceDate(request.asOf, 'asOf') ?? todayUtc();
    const skus = [...new Set(request.lines.map((l) => l.sku))];
    const prices = await this.listPrices(skus, request.currency, asOf);
    const missing = skus.filter((sku) => !prices.has(sku));
    if (missing.length > 0) throw priceNotFound(missing, request.currency, asOf);
    const { lines, totalMinor } = priceLines(request.lines, prices);
    return { currency: request.currency, asOf, lines, totalMinor };
  }

  /** The price in force on `asOf` for each SKU that has one: the newest row not after that day. */
  private async listPrices(skus: string[], currency: Currency, asOf: string): Promise<Map<string, UnitPrice>> {
    const found: Array<{ id: string; sku: string; unit_price_minor: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (sku) id, sku, unit_price_minor
         FROM pricing.prices
        WHERE sku = ANY($1::text[]) AND currency = $2 AND valid_from <= $3::date
        ORDER BY sku, valid_from DESC`,
      [skus, currency, asOf],
    );
    return new Map(found.map((r) => [r.sku, { priceId: r.id, unitPriceMinor: Number(r.unit_price_minor) }]));
  }
}

function priceNotFound(skus: string[], currency: Currency, asOf: string): DomainError {
  const named = skus.slice(0, MISSING_SKUS_IN_MESSAGE).join(', ');
  const more = skus.length > MISSING_SKUS_IN_MESSAGE ? ` and ${skus.length - MISSING_SKUS_IN_MESSAGE} more` : '';
  return new DomainError('PRICE_NOT_FOUND', `No ${currency} price on ${asOf} for SKU ${named}${more}`, { skus, currency, asOf });
}
