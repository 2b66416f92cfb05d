import type { PriceRuleFilter } from '#contracts';
import { toPriceDate } from '../prices/price-date.js';

/** The filter's conditions as SQL over pricing.price_rules, with their parameters ($1 on). */
export function ruleFilterSql(filter: PriceRuleFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(`${column} = $${params.length}`);
  };
  equal('code', filter.code);
  equal('currency', filter.currency);
  equal('customer_id', filter.customerId);
  equal('customer_type', filter.customerType);
  equal('sku', filter.sku);
  equal('category', filter.category);
  equal('ship_to_region', filter.shipToRegion);
  equal('location_code', filter.shipFromLocation);
  equal('method', filter.method);
  const activeOn = toPriceDate(filter.activeOn, 'activeOn');
  if (activeOn !== undefined) {
    params.push(activeOn);
    conditions.push(
      `valid_from <= $${params.length}::date AND (valid_to IS NULL OR valid_to >= $${params.length}::date)`,
    );
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
