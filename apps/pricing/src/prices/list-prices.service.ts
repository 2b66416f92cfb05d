import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ListPricesRequest, Page, PriceView } from '#contracts';
import { oneRow, rows } from '#platform';
import { PRICE_COLUMNS, type PriceRow, toPriceView } from './price.rows.js';

@Injectable()
export class ListPricesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every stored price (past, current and future), newest first within a SKU and currency. */
  async list(request: ListPricesRequest): Promise<Page<PriceView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR sku = $1)`;
    const prices = await rows<PriceRow>(
      this.dataSource,
      `SELECT ${PRICE_COLUMNS} FROM pricing.prices ${where} ORDER BY sku, currency, valid_from DESC LIMIT $2 OFFSET $3`,
      [request.sku ?? null, limit, offset],
    );
    const { total } = await oneRow<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM pricing.prices ${where}`,
      [request.sku ?? null],
    );
    return { items: prices.map(toPriceView), total, limit, offset };
  }
}
