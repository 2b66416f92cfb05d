import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FieldError, FreightRuleView, ListFreightRulesRequest, Page, SetFreightRuleRequest } from '#contracts';
import { DomainError, rows, validationFailed } from '#platform';
import { toPriceDate, todayUtc } from '../prices/price-date.js';
import { FREIGHT_COLUMNS, type FreightRow, toFreightRule } from '../store/pricing-rows.js';

@Injectable()
export class FreightRulesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates or replaces the freight rule with this code. FLAT needs amountMinor, WEIGHT
   * perKgMinor, AMOUNT ascending tiers; any may be free from freeAboveMinor. Two rules for
   * the same currency, region and location starting the same day are refused (RULE_CONFLICT).
   */
  async set(request: SetFreightRuleRequest): Promise<FreightRuleView> {
    const validFrom = toPriceDate(request.validFrom, 'validFrom') ?? todayUtc();
    const validTo = toPriceDate(request.validTo, 'validTo');
    const errors = freightProblems(request, validFrom, validTo);
    if (errors.length > 0) throw validationFailed(errors);
    const params = [
      request.code,
      request.description ?? '',
      request.currency,
      request.shipToRegion ?? null,
      request.shipFromLocation ?? null,
      request.method,
      request.amountMinor ?? null,
      request.perKgMinor ?? null,
      request.tiers ? JSON.stringify(request.tiers) : null,
      request.freeAboveMinor ?? null,
      request.taxClass ?? null,
      validFrom,
      validTo ?? null,
    ];
    const [row] = await rows<FreightRow>(
      this.dataSource,
      `INSERT INTO pricing.freight_rules (code, description, currency, ship_to_region, location_code, method, amount_minor, per_kg_minor,
                                          tiers, free_above_minor, tax_class, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12::date, $13::date)
       ON CONFLICT (code) DO UPDATE SET description = EXCLUDED.description, currency = EXCLUDED.currency,
         ship_to_region = EXCLUDED.ship_to_region, location_code = EXCLUDED.location_code, method = EXCLUDED.method,
         amount_minor = EXCLUDED.amount_minor, per_kg_minor = EXCLUDED.per_kg_minor, tiers = EXCLUDED.tiers,
         free_above_minor = EXCLUDED.free_above_minor, tax_class = EXCLUDED.tax_class, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to, updated_at = now()
       RETURNING ${FREIGHT_COLUMNS}`,
      params,
    ).catch((error: unknown) => {
      throw freightConflict(error, request.code) ?? error;
    });
    return toFreightRule(row);
  }

  async list(request: ListFreightRulesRequest): Promise<Page<FreightRuleView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const params = [request.currency ?? null, request.shipToRegion ?? null];
    const where = `WHERE ($1::text IS NULL OR currency = $1) AND ($2::text IS NULL OR ship_to_region = $2)`;
    const [{ total }] = await rows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM pricing.freight_rules ${where}`,
      params,
    );
    const found = await rows<FreightRow>(
      this.dataSource,
      `SELECT ${FREIGHT_COLUMNS} FROM pricing.freight_rules ${where} ORDER BY code LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    return { items: found.map(toFreightRule), total: Number(total), limit, offset };
  }
}

/** What is wrong with a freight rule, each naming its field. */
export function freightProblems(
  request: SetFreightRuleRequest,
  validFrom: string,
  validTo: string | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const needs = (field: keyof SetFreightRuleRequest) => {
    if (request[field] === undefined)
      errors.push({ field, problems: [`${field} is required for a ${request.method} freight rule`] });
  };
  if (request.method === 'FLAT') needs('amountMinor');
  if (request.method === 'WEIGHT') needs('perKgMinor');
  if (request.method === 'AMOUNT') needs('tiers');
  for (let i = 1; i < (request.tiers?.length ?? 0); i++) {
    if (request.tiers![i].fromMinor <= request.tiers![i - 1].fromMinor) {
      errors.push({ field: `tiers[${i}].fromMinor`, problems: ['tiers must ascend by fromMinor'] });
    }
  }
  if (validTo !== undefined && validTo < validFrom) {
    errors.push({ field: 'validTo', problems: [`validTo ${validTo} is before validFrom ${validFrom}`] });
  }
  return errors;
}

function freightConflict(error: unknown, code: string): DomainError | undefined {
  const driver =
    (error as { driverError?: { code?: string; constraint?: string } }).driverError ??
    (error as { code?: string; constraint?: string });
  if (driver?.code !== '23505' || driver.constraint !== 'freight_rules_precedence') return undefined;
  return new DomainError(
    'RULE_CONFLICT',
    `Freight rule ${code} has the same currency, ship-to region, ship-from location and start date as another: precedence could not decide`,
    { code },
  );
}
