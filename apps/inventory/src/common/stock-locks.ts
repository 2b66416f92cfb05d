import type { EntityManager } from 'typeorm';
import { rows } from '#platform';

/** A stock row this transaction holds the lock on, with what was available when it was locked. */
export interface HeldStock {
  itemId: string;
  locationId: string;
  available: number;
}

/**
 * Every stock move locks the rows it may touch first, all in one statement and in one
 * global order (item id, then location id), before it changes anything. Two transactions
 * therefore never wait for each other in a cycle, however their lines are ordered.
 */
export async function lockItems(em: EntityManager, itemIds: string[]): Promise<HeldStock[]> {
  if (itemIds.length === 0) return [];
  const held = await rows<{ item_id: string; location_id: string; available: number }>(
    em,
    `SELECT item_id, location_id, on_hand - reserved AS available FROM inventory.stock
      WHERE item_id = ANY($1::uuid[]) ORDER BY item_id, location_id FOR UPDATE`,
    [[...new Set(itemIds)]],
  );
  return held.map((h) => ({ itemId: h.item_id, locationId: h.location_id, available: h.available }));
}

/** Locks these stock rows (those that exist) in the global order. */
export async function lockRows(
  em: EntityManager,
  keys: Array<{ itemId: string; locationId: string }>,
): Promise<HeldStock[]> {
  if (keys.length === 0) return [];
  const held = await rows<{ item_id: string; location_id: string; available: number }>(
    em,
    `SELECT s.item_id, s.location_id, s.on_hand - s.reserved AS available
       FROM inventory.stock s JOIN unnest($1::uuid[], $2::uuid[]) AS k(item_id, location_id)
         ON s.item_id = k.item_id AND s.location_id = k.location_id
      ORDER BY s.item_id, s.location_id FOR UPDATE OF s`,
    [keys.map((r) => r.itemId), keys.map((r) => r.locationId)],
  );
  return held.map((h) => ({ itemId: h.item_id, locationId: h.location_id, available: h.available }));
}

/** Makes sure a stock row exists (on hand 0) so that it can be locked; a no-op when it does. */
export async function ensureStockRow(em: EntityManager, itemId: string, locationId: string): Promise<void> {
  await em.query(`INSERT INTO inventory.stock (item_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    itemId,
    locationId,
  ]);
}
