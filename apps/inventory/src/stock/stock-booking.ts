import type { EntityManager } from 'typeorm';
import { INT4_MAX } from '#contracts';
import { DomainError, maybeRow } from '#platform';
import type { HeldStock } from '../common/stock-locks.js';
import { type Movement, recordMovements } from '../common/stock-ledger.js';

/** The most units one item can have on hand at one location: what its int4 column holds. */
export const MAX_STOCK_UNITS = INT4_MAX;

/** Adding `units` would take on hand past MAX_STOCK_UNITS: refused, nothing changes. */
export function stockFull(units: number): DomainError {
  return new DomainError(
    'QUANTITY_EXCEEDED',
    `A location holds at most ${MAX_STOCK_UNITS} units of an item on hand; adding ${units} would exceed it`,
    { maxOnHand: MAX_STOCK_UNITS, quantity: units },
  );
}

/**
 * Adds goods to on hand in one statement (creating the stock row if needed, which locks it)
 * and writes the ledger row. Returns the row as held, for releasing back-orders. On hand never
 * passes MAX_STOCK_UNITS: the sum is compared as bigint, so it cannot overflow the column first.
 */
export async function bookIn(em: EntityManager, movement: Omit<Movement, 'reservedDelta'>): Promise<HeldStock> {
  const row = await maybeRow<{ available: number }>(
    em,
    `INSERT INTO inventory.stock AS s (item_id, location_id, on_hand) VALUES ($1, $2, $3)
     ON CONFLICT (item_id, location_id) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand
       WHERE s.on_hand::bigint + EXCLUDED.on_hand <= $4
     RETURNING on_hand - reserved AS available`,
    [movement.itemId, movement.locationId, movement.onHandDelta, MAX_STOCK_UNITS],
  );
  if (!row) throw stockFull(movement.onHandDelta);
  await recordMovements(em, [{ ...movement, reservedDelta: 0 }]);
  return { itemId: movement.itemId, locationId: movement.locationId, available: row.available };
}
