import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ListTaxRatesRequest, Page, SetTaxRateRequest, TaxRateView } from '#contracts';
import { rows, validationFailed } from '#platform';
import { percentToPpm, ppmToPercent } from '../engine/money-math.js';
import { toPriceDate, todayUtc } from '../prices/price-date.js';

interface TaxRateRow {
  id: string;
  region: string;
  tax_class: string;
  rate_ppm: number;
  valid_from: string;
  description: string;
}

const COLUMNS = `id, region, tax_class, rate_ppm, valid_from::text AS valid_from, description`;

@Injectable()
export class TaxRatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Sets the rate of a tax class in a region from `validFrom` (today when absent) on; the
   * same region, class and day again replaces it. Percent 0-100 with at most 4 decimals.
   */
  async set(request: SetTaxRateRequest): Promise<TaxRateView> {
    const ppm = percentToPpm(request.percent);
    if (ppm === undefined || ppm < 0 || ppm > 1_000_000) {
      throw validationFailed([{ field: 'percent', problems: ['percent must be 0-100 with at most 4 decimals'] }]);
    }
    const validFrom = toPriceDate(request.validFrom, 'validFrom') ?? todayUtc();
    const [row] = await rows<TaxRateRow>(
      this.dataSource,
      `INSERT INTO pricing.tax_rates (region, tax_class, rate_ppm, valid_from, description) VALUES ($1, $2, $3, $4::date, $5)
       ON CONFLICT (region, tax_class, valid_from)
       DO UPDATE SET rate_ppm = EXCLUDED.rate_ppm, description = EXCLUDED.description, updated_at = now()
       RETURNING ${COLUMNS}`,
      [request.region, request.taxClass, ppm, validFrom, request.description ?? ''],
    );
    return toView(row);
  }

  /** Every rate (past, current and future), by region and class, newest first. */
  async list(request: ListTaxRatesRequest): Promise<Page<TaxRateView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const params = [request.region ?? null, request.taxClass ?? null];
    const where = `WHERE ($1::text IS NULL OR region = $1) AND ($2::text IS NULL OR tax_class = $2)`;
    const [{ total }] = await rows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM pricing.tax_rates ${where}`,
      params,
    );
    const found = await rows<TaxRateRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM pricing.tax_rates ${where} ORDER BY region, tax_class, valid_from DESC LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    return { items: found.map(toView), total: Number(total), limit, offset };
  }
}

function toView(row: TaxRateRow): TaxRateView {
  return {
    id: row.id,
    region: row.region,
    taxClass: row.tax_class,
    percent: ppmToPercent(row.rate_ppm),
    validFrom: row.valid_from,
    description: row.description,
  };
}
