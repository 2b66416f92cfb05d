import type { BreakBasis, Currency, FreightMethod, RuleMethod } from '#contracts';
import type { FreightRule, FreightTier, PriceRule, RuleBreak } from '../engine/pricing-model.js';

/** Columns of pricing.price_rules as the engine needs them (dates as text). */
export const RULE_COLUMNS = `id, code, description, currency, customer_id, customer_type, sku, category, ship_to_region, location_code,
  method, break_basis, breaks, valid_from::text AS valid_from, valid_to::text AS valid_to, version`;

export interface RuleRow {
  id: string;
  code: string;
  description: string;
  currency: Currency;
  customer_id: string | null;
  customer_type: string | null;
  sku: string | null;
  category: string | null;
  ship_to_region: string | null;
  location_code: string | null;
  method: RuleMethod;
  break_basis: BreakBasis;
  breaks: RuleBreak[];
  valid_from: string;
  valid_to: string | null;
  version: number;
}

/** A row as an engine rule: NULL targets become undefined ones (absent in JSON). */
export function toPriceRule(row: RuleRow): PriceRule {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    currency: row.currency,
    version: row.version,
    customerId: row.customer_id ?? undefined,
    customerType: row.customer_type ?? undefined,
    sku: row.sku ?? undefined,
    category: row.category ?? undefined,
    shipToRegion: row.ship_to_region ?? undefined,
    shipFromLocation: row.location_code ?? undefined,
    method: row.method,
    breakBasis: row.break_basis,
    breaks: row.breaks,
    validFrom: row.valid_from,
    validTo: row.valid_to ?? undefined,
  };
}

export const FREIGHT_COLUMNS = `id, code, description, currency, ship_to_region, location_code, method, amount_minor, per_kg_minor, tiers,
  free_above_minor, tax_class, valid_from::text AS valid_from, valid_to::text AS valid_to`;

export interface FreightRow {
  id: string;
  code: string;
  description: string;
  currency: Currency;
  ship_to_region: string | null;
  location_code: string | null;
  method: FreightMethod;
  amount_minor: string | null;
  per_kg_minor: string | null;
  tiers: FreightTier[] | null;
  free_above_minor: string | null;
  tax_class: string | null;
  valid_from: string;
  valid_to: string | null;
}

export function toFreightRule(row: FreightRow): FreightRule {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    currency: row.currency,
    ...optional('shipToRegion', row.ship_to_region),
    ...optional('shipFromLocation', row.location_code),
    method: row.method,
    ...optional('amountMinor', toNumber(row.amount_minor)),
    ...optional('perKgMinor', toNumber(row.per_kg_minor)),
    ...optional('tiers', row.tiers),
    ...optional('freeAboveMinor', toNumber(row.free_above_minor)),
    ...optional('taxClass', row.tax_class),
    validFrom: row.valid_from,
    ...optional('validTo', row.valid_to),
  };
}

/** `{ [key]: value }`, or nothing when the value is NULL: views and engine types leave absent fields out. */
export function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return value === null || value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** A bigint column (a string from pg) as a number; money here is always a safe integer. */
export function toNumber(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
