import type { EntityManager } from 'typeorm';
import type { LedgerKind } from '#contracts';
import { auditActorOf, currentContext } from '#platform';

/** One change to one stock row, as the ledger records it. */
export interface Movement {
  itemId: string;
  locationId: string;
  kind: LedgerKind;
  onHandDelta: number;
  reservedDelta: number;
  orderLineId?: string;
  orderId?: string;
  reference?: string;
  reason?: string;
}

/** Who is acting and for which request: stamped on every ledger row. */
export function ledgerActor(): { actor: string; requestId: string | null } {
  const context = currentContext();
  return { actor: auditActorOf(context?.caller), requestId: context?.requestId ?? null };
}

/** Appends ledger rows for movements already applied to inventory.stock in the same transaction. */
export async function recordMovements(em: EntityManager, movements: Movement[]): Promise<void> {
  if (movements.length === 0) return;
  const { actor, requestId } = ledgerActor();
  await em.query(
    `INSERT INTO inventory.ledger (item_id, location_id, kind, on_hand_delta, reserved_delta, order_line_id, order_id, reference, reason, actor, request_id)
     SELECT m.*, $10::text, $11::text
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::uuid[], $7::uuid[], $8::text[], $9::text[]) AS m`,
    [
      movements.map((m) => m.itemId),
      movements.map((m) => m.locationId),
      movements.map((m) => m.kind),
      movements.map((m) => m.onHandDelta),
      movements.map((m) => m.reservedDelta),
      movements.map((m) => m.orderLineId ?? null),
      movements.map((m) => m.orderId ?? null),
      movements.map((m) => m.reference ?? null),
      movements.map((m) => m.reason ?? null),
      actor,
      requestId,
    ],
  );
}
