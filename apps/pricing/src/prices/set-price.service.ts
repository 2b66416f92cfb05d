import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PriceView, SetPriceRequest } from '#contracts';
import { oneRow } from '#platform';
import { assertSafeMinor } from '../engine/line-math.js';
import { toPriceDate, todayUtc } from './price-date.js';
import { PRICE_COLUMNS, type PriceRow, toPriceView } from './price.rows.js';

@Injectable()
export class SetPriceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the list price of a SKU in a currency from `validFrom` (today when absent) on.
   * Setting the same SKU, currency and day again replaces the amount in one upsert, so two
   * concurrent sets of the same day leave one row with the amount of whichever came last.
   */
  async set(request: SetPriceRequest): Promise<PriceView> {
    assertSafeMinor(request.unitPriceMinor, 'unitPriceMinor');
    const validFrom = toPriceDate(request.validFrom, 'validFrom') ?? todayUtc();
    const row = await oneRow<PriceRow>(
      this.dataSource,
      `INSERT INTO pricing.prices (sku, currency, unit_price_minor, valid_from) VALUES ($1, $2, $3, $4::date)
       ON CONFLICT (sku, currency, valid_from)
       DO UPDATE SET unit_price_minor = EXCLUDED.unit_price_minor, updated_at = now()
       RETURNING ${PRICE_COLUMNS}`,
      [request.sku, request.currency, request.unitPriceMinor, validFrom],
    );
    return toPriceView(row);
  }
}
