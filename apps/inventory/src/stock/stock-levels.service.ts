import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  AvailabilityView,
  ListStockRequest,
  Page,
  SourceAvailability,
  SourceKind,
  StockLevelView,
} from '#contracts';
import { itemBySku } from '../common/lookups.js';
import { STOCK_LEVEL_FROM, STOCK_LEVEL_SQL, type StockLevelRow, toStockLevel } from './stock-level.query.js';
import { oneRow, rows } from '#platform';

interface AvailabilityRow {
  source_code: string;
  source_name: string;
  kind: SourceKind;
  priority: number;
  supplier_sku: string | null;
  location_code: string | null;
  stocked: boolean;
  on_hand: number;
  reserved: number;
}

/** What is where: stock levels per item and location, and a variant's availability across every source. */
@Injectable()
export class StockLevelsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(request: ListStockRequest): Promise<Page<StockLevelView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR i.sku = $1) AND ($2::text IS NULL OR l.code = $2) AND ($3::text IS NULL OR o.code = $3)
      AND (NOT $4::boolean OR s.on_hand > s.reserved)`;
    const params = [
      request.sku ?? null,
      request.locationCode ?? null,
      request.sourceCode ?? null,
      request.available ?? false,
    ];
    const found = await rows<StockLevelRow>(
      this.dataSource,
      `${STOCK_LEVEL_SQL} ${where} ORDER BY i.sku, o.kind = 'SUPPLIER', o.priority, l.priority, l.code LIMIT $5 OFFSET $6`,
      [...params, limit, offset],
    );
    const { count } = await oneRow<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count ${STOCK_LEVEL_FROM} ${where}`,
      params,
    );
    return { items: found.map(toStockLevel), total: count, limit, offset };
  }

  /** Every source that holds or maps the variant, in sourcing order, with its locations. */
  async availability(sku: string): Promise<AvailabilityView> {
    const item = await itemBySku(this.dataSource, sku);
    const found = await rows<AvailabilityRow>(
      this.dataSource,
      `SELECT o.code AS source_code, o.name AS source_name, o.kind, o.priority, si.supplier_sku, l.code AS location_code,
              s.item_id IS NOT NULL AS stocked, COALESCE(s.on_hand, 0) AS on_hand, COALESCE(s.reserved, 0) AS reserved
         FROM inventory.sources o
         LEFT JOIN inventory.locations l ON l.source_id = o.id
         LEFT JOIN inventory.stock s ON s.location_id = l.id AND s.item_id = $1
         LEFT JOIN inventory.source_items si ON si.source_id = o.id AND si.item_id = $1
        WHERE s.item_id IS NOT NULL OR si.item_id IS NOT NULL
        ORDER BY o.kind = 'SUPPLIER', o.priority, o.code, l.priority, l.code`,
      [item.id],
    );
    const { backordered } = await oneRow<{ backordered: number }>(
      this.dataSource,
      `SELECT COALESCE(sum(backordered), 0)::int AS backordered FROM inventory.reserve_lines WHERE item_id = $1`,
      [item.id],
    );
    const sources = groupBySource(found);
    const sum = (f: (s: SourceAvailability) => number) => sources.reduce((total, s) => total + f(s), 0);
    return {
      sku,
      inventoried: item.inventoried,
      onHand: sum((s) => s.onHand),
      reserved: sum((s) => s.reserved),
      available: sum((s) => s.available),
      backordered,
      sources,
    };
  }
}

function groupBySource(found: AvailabilityRow[]): SourceAvailability[] {
  const sources = new Map<string, SourceAvailability>();
  for (const row of found) {
    const source = sources.get(row.source_code) ?? {
      sourceCode: row.source_code,
      sourceName: row.source_name,
      sourceKind: row.kind,
      priority: row.priority,
      ...(row.supplier_sku ? { sourceSku: row.supplier_sku } : {}),
      onHand: 0,
      reserved: 0,
      available: 0,
      locations: [],
    };
    // A source that maps the variant lists its locations even where it holds none of it: skip those.
    if (row.location_code && row.stocked) {
      source.locations.push({
        locationCode: row.location_code,
        onHand: row.on_hand,
        reserved: row.reserved,
        available: row.on_hand - row.reserved,
      });
      source.onHand += row.on_hand;
      source.reserved += row.reserved;
      source.available += row.on_hand - row.reserved;
    }
    sources.set(row.source_code, source);
  }
  return [...sources.values()];
}
