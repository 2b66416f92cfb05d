import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  ItemAttributesInput,
  ItemAttributesView,
  ListItemAttributesRequest,
  Page,
  UpsertAttributesReply,
  UpsertItemAttributesRequest,
} from '#contracts';
import { rows } from '#platform';
import { optional } from '../store/pricing-rows.js';

/**
 * Pricing's own copy of the item facts prices depend on: category (rules), tax class
 * (taxes), weight (freight) and unit cost per currency (markups). Inventory owns items; it
 * (or an admin) feeds this copy, and pricing never reads inventory's tables.
 */
@Injectable()
export class ItemAttributesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates or changes items: a field left out stays as it is, `null` clears it; the last entry for a SKU wins. */
  async upsert(request: UpsertItemAttributesRequest): Promise<UpsertAttributesReply> {
    const items = [...new Map(request.items.map((i) => [i.sku, i])).values()];
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO pricing.items (sku) SELECT sku FROM jsonb_to_recordset($1::jsonb) AS x(sku text) ON CONFLICT (sku) DO NOTHING`,
        [JSON.stringify(items.map((i) => ({ sku: i.sku })))],
      );
      await rows(
        em,
        `UPDATE pricing.items i
            SET category = CASE WHEN x.set_category THEN x.category ELSE i.category END,
                tax_class = CASE WHEN x.set_tax_class THEN x.tax_class ELSE i.tax_class END,
                weight_grams = CASE WHEN x.set_weight THEN x.weight_grams ELSE i.weight_grams END,
                updated_at = now()
           FROM jsonb_to_recordset($1::jsonb)
             AS x(sku text, category text, tax_class text, weight_grams int, set_category bool, set_tax_class bool, set_weight bool)
          WHERE i.sku = x.sku
         RETURNING i.sku`,
        [JSON.stringify(items.map(toRecord))],
      );
      await this.setCosts(em, items);
    });
    return { upserted: items.length };
  }

  /** Sets or clears each item's unit cost per currency; as with SKUs, the last cost given for a currency wins. */
  private async setCosts(em: EntityManager, items: ItemAttributesInput[]): Promise<void> {
    const given = items.flatMap((i) =>
      (i.unitCosts ?? []).map((c) => ({ sku: i.sku, currency: c.currency, unit_cost_minor: c.unitCostMinor ?? null })),
    );
    // One statement may not touch a row twice (ON CONFLICT DO UPDATE), so a repeated currency is one cost.
    const costs = [...new Map(given.map((c) => [`${c.sku}\u0000${c.currency}`, c])).values()];
    const kept = costs.filter((c) => c.unit_cost_minor !== null);
    const removed = costs.filter((c) => c.unit_cost_minor === null);
    if (kept.length > 0) {
      await em.query(
        `INSERT INTO pricing.item_costs (sku, currency, unit_cost_minor)
         SELECT sku, currency, unit_cost_minor FROM jsonb_to_recordset($1::jsonb) AS x(sku text, currency text, unit_cost_minor bigint)
         ON CONFLICT (sku, currency) DO UPDATE SET unit_cost_minor = EXCLUDED.unit_cost_minor, updated_at = now()`,
        [JSON.stringify(kept)],
      );
    }
    if (removed.length > 0) {
      await rows(
        em,
        `DELETE FROM pricing.item_costs c USING jsonb_to_recordset($1::jsonb) AS x(sku text, currency text)
          WHERE c.sku = x.sku AND c.currency = x.currency RETURNING c.sku`,
        [JSON.stringify(removed)],
      );
    }
  }

  async list(request: ListItemAttributesRequest): Promise<Page<ItemAttributesView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const params = [request.sku ?? null, request.category ?? null];
    const where = `WHERE ($1::text IS NULL OR i.sku = $1) AND ($2::text IS NULL OR i.category = $2)`;
    const [{ total }] = await rows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM pricing.items i ${where}`,
      params,
    );
    const found = await rows<{
      sku: string;
      category: string | null;
      tax_class: string | null;
      weight_grams: number | null;
      costs: Array<{ currency: string; unitCostMinor: number }>;
    }>(
      this.dataSource,
      `SELECT i.sku, i.category, i.tax_class, i.weight_grams,
              coalesce(jsonb_agg(jsonb_build_object('currency', c.currency, 'unitCostMinor', c.unit_cost_minor) ORDER BY c.currency)
                       FILTER (WHERE c.sku IS NOT NULL), '[]') AS costs
         FROM pricing.items i LEFT JOIN pricing.item_costs c ON c.sku = i.sku
        ${where} GROUP BY i.sku ORDER BY i.sku LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    const items = found.map((r) => ({
      sku: r.sku,
      ...optional('category', r.category),
      ...optional('taxClass', r.tax_class),
      ...optional('weightGrams', r.weight_grams),
      unitCosts: r.costs.map((c) => ({
        currency: c.currency as ItemAttributesView['unitCosts'][number]['currency'],
        unitCostMinor: Number(c.unitCostMinor),
      })),
    }));
    return { items, total: Number(total), limit, offset };
  }
}

function toRecord(item: ItemAttributesInput): Record<string, unknown> {
  return {
    sku: item.sku,
    category: item.category ?? null,
    tax_class: item.taxClass ?? null,
    weight_grams: item.weightGrams ?? null,
    set_category: item.category !== undefined,
    set_tax_class: item.taxClass !== undefined,
    set_weight: item.weightGrams !== undefined,
  };
}
