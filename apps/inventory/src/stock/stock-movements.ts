import type { EntityManager } from 'typeorm';
import type { LedgerKind } from '#contracts';
import { currentContext } from '#platform';

export interface Movement {
  itemId: string;
  locationId: string;
  kind: LedgerKind;
  onHandDelta: number;
  reservedDelta: number;
  orderLineId?: string;
  reference?: string;
}

/** Appends ledger rows for movements already applied to inventory.stock in the same transaction. */
export async function recordMovements(em: EntityManager, movements: Movement[]): Promise<void> {
  if (movements.length === 0) return;
  const context = currentContext();
  await em.query(
    `INSERT INTO inventory.ledger (item_id, location_id, kind, on_hand_delta, reserved_delta, order_line_id, reference, actor, request_id)
     SELECT * , $8::text, $9::text FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::uuid[], $7::text[])`,
    [
      movements.map((m) => m.itemId),
      movements.map((m) => m.locationId),
      movements.map((m) => m.kind),
      movements.map((m) => m.onHandDelta),
      movements.map((m) => m.reservedDelta),
      movements.map((m) => m.orderLineId ?? null),
      movements.map((m) => m.reference ?? null),
      context?.caller?.actorId ?? 'system',
      context?.requestId ?? null,
    ],
  );
}
