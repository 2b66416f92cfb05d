import type { EntityManager } from 'typeorm';
import type { HeldStock } from '../common/stock-locks.js';
import { type Movement, recordMovements } from '../common/stock-ledger.js';

/**
 * Adds goods to on hand in one statement (creating the stock row if needed, which locks it)
 * and writes the ledger row. Returns the row as held, for releasing back-orders.
 */
export async function bookIn(em: EntityManager, movement: Omit<Movement, 'reservedDelta'>): Promise<HeldStock> {
  const [row]: Array<{ available: number }> = await em.query(
    `INSERT INTO inventory.stock (item_id, location_id, on_hand) VALUES ($1, $2, $3)
     ON CONFLICT (item_id, location_id) DO UPDATE SET on_hand = inventory.stock.on_hand + EXCLUDED.on_hand
     RETURNING on_hand - reserved AS available`,
    [movement.itemId, movement.locationId, movement.onHandDelta],
  );
  await recordMovements(em, [{ ...movement, reservedDelta: 0 }]);
  return { itemId: movement.itemId, locationId: movement.locationId, available: row.available };
}
