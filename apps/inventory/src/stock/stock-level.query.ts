import type { SourceKind, StockLevelView } from '#contracts';
import type { Queryable } from '#platform';
import { rows } from '#platform';

/** Stock rows as StockLevelView columns; append WHERE / ORDER BY. */
export const STOCK_LEVEL_SQL = `SELECT i.sku, l.code AS location_code, o.code AS source_code, o.kind AS source_kind, s.on_hand, s.reserved,
       COALESCE((SELECT sum(b.backordered) FROM inventory.reserve_lines b
                  WHERE b.item_id = s.item_id AND b.location_id = s.location_id AND b.backordered > 0), 0)::int AS backordered
  FROM inventory.stock s
  JOIN inventory.items i ON i.id = s.item_id
  JOIN inventory.locations l ON l.id = s.location_id
  JOIN inventory.sources o ON o.id = l.source_id`;
export const STOCK_LEVEL_FROM = `FROM inventory.stock s
  JOIN inventory.items i ON i.id = s.item_id
  JOIN inventory.locations l ON l.id = s.location_id
  JOIN inventory.sources o ON o.id = l.source_id`;

export interface StockLevelRow {
  sku: string;
  location_code: string;
  source_code: string;
  source_kind: SourceKind;
  on_hand: number;
  reserved: number;
  backordered: number;
}

export function toStockLevel(row: StockLevelRow): StockLevelView {
  return {
    sku: row.sku,
    locationCode: row.location_code,
    sourceCode: row.source_code,
    sourceKind: row.source_kind,
    onHand: row.on_hand,
    reserved: row.reserved,
    available: row.on_hand - row.reserved,
    backordered: row.backordered,
  };
}

/** The level of one stock row (on hand 0 when the row does not exist yet). */
export async function stockLevel(db: Queryable, itemId: string, locationId: string): Promise<StockLevelView> {
  const [row] = await rows<StockLevelRow>(db, `${STOCK_LEVEL_SQL} WHERE s.item_id = $1 AND s.location_id = $2`, [
    itemId,
    locationId,
  ]);
  if (row) return toStockLevel(row);
  const [names] = await rows<StockLevelRow>(
    db,
    `SELECT i.sku, l.code AS location_code, o.code AS source_code, o.kind AS source_kind, 0 AS on_hand, 0 AS reserved, 0 AS backordered
       FROM inventory.items i, inventory.locations l JOIN inventory.sources o ON o.id = l.source_id WHERE i.id = $1 AND l.id = $2`,
    [itemId, locationId],
  );
  return toStockLevel(names);
}
