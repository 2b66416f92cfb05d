import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ChargeCodeView, ListChargeCodesRequest, Page, SetChargeCodeRequest } from '#contracts';
import { rows } from '#platform';
import { assertSafeMinor } from '../engine/line-math.js';
import { optional } from '../store/pricing-rows.js';

interface ChargeRow {
  id: string;
  code: string;
  currency: ChargeCodeView['currency'];
  description: string;
  amount_minor: string;
  tax_class: string | null;
}

@Injectable()
export class ChargeCodesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Sets a named miscellaneous charge (RETURN_HANDLING, say) and its default amount in a
   * currency; the same code and currency again replaces it. A pricing request names the
   * charges it wants and may override their amount and description.
   */
  async set(request: SetChargeCodeRequest): Promise<ChargeCodeView> {
    assertSafeMinor(request.amountMinor, 'amountMinor');
    const [row] = await rows<ChargeRow>(
      this.dataSource,
      `INSERT INTO pricing.charge_codes (code, currency, description, amount_minor, tax_class) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code, currency)
       DO UPDATE SET description = EXCLUDED.description, amount_minor = EXCLUDED.amount_minor, tax_class = EXCLUDED.tax_class, updated_at = now()
       RETURNING id, code, currency, description, amount_minor, tax_class`,
      [request.code, request.currency, request.description, request.amountMinor, request.taxClass ?? null],
    );
    return toView(row);
  }

  async list(request: ListChargeCodesRequest): Promise<Page<ChargeCodeView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const params = [request.code ?? null, request.currency ?? null];
    const where = `WHERE ($1::text IS NULL OR code = $1) AND ($2::text IS NULL OR currency = $2)`;
    const [{ total }] = await rows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM pricing.charge_codes ${where}`,
      params,
    );
    const found = await rows<ChargeRow>(
      this.dataSource,
      `SELECT id, code, currency, description, amount_minor, tax_class FROM pricing.charge_codes ${where}
        ORDER BY code, currency LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    return { items: found.map(toView), total: Number(total), limit, offset };
  }
}

function toView(row: ChargeRow): ChargeCodeView {
  return {
    id: row.id,
    code: row.code,
    currency: row.currency,
    description: row.description,
    amountMinor: Number(row.amount_minor),
    ...optional('taxClass', row.tax_class),
  };
}
