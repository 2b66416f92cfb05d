import type { EntityManager } from 'typeorm';
import { WarehouseSubjects } from '#contracts';
import { type OutboxService, rows } from '#platform';
import { shipmentStatus } from '../shipments/shipment.machine.js';
import { pickTicketStatus } from './pick-ticket.machine.js';

/**
 * A re-opened order starts over on new tickets, so every ticket of it that has not shipped is
 * VOIDED (with its packed shipment): the units picked or packed before the re-open can no
 * longer ship beside the new ticket for the same units. Their demand rows go (the re-open
 * writes the order's demand anew). Runs in the consumer's transaction; tickets are locked
 * before demand rows, the order packing takes them in.
 */
export async function voidTicketsOfOrder(
  em: EntityManager,
  outbox: OutboxService,
  orderId: string,
  reason: string,
): Promise<string[]> {
  const voided = await rows<VoidedTicketRow>(
    em,
    `UPDATE warehouse.pick_tickets SET status = 'VOIDED', void_reason = $2, updated_at = now()
      WHERE order_id = $1 AND status = ANY($3::text[]) RETURNING ${VOIDED_COLUMNS}`,
    [orderId, reason, pickTicketStatus.into('VOIDED')],
  );
  await announceVoided(em, outbox, voided);
  const ids = voided.map((t) => t.id);
  if (ids.length === 0) return ids;
  await em.query(
    `UPDATE warehouse.shipments SET status = 'VOIDED' WHERE pick_ticket_id = ANY($1::uuid[]) AND status = ANY($2::text[])`,
    [ids, shipmentStatus.into('VOIDED')],
  );
  await em.query(`DELETE FROM warehouse.pick_demand WHERE pick_ticket_id = ANY($1::uuid[])`, [ids]);
  return ids;
}

/** A ticket just voided, as `pick ticket voided` reports it. */
export interface VoidedTicketRow {
  id: string;
  number: string;
  order_id: string;
  order_number: string;
  void_reason: string;
}

export const VOIDED_COLUMNS = 'id, number, order_id, order_number, void_reason';

/** Tells orders, in the same transaction, that the tickets will never ship (it stops waiting for them). */
export async function announceVoided(
  em: EntityManager,
  outbox: OutboxService,
  tickets: readonly VoidedTicketRow[],
): Promise<void> {
  for (const t of tickets) {
    await outbox.add(em, WarehouseSubjects.pickTicketVoided, {
      pickTicketId: t.id,
      number: t.number,
      orderId: t.order_id,
      orderNumber: t.order_number,
      reason: t.void_reason,
    });
  }
}
