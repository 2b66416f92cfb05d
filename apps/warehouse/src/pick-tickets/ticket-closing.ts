import type { EntityManager } from 'typeorm';
import { rows } from '#platform';
import { shipmentStatus } from '../shipments/shipment.machine.js';
import { pickTicketStatus } from './pick-ticket.machine.js';

/**
 * A re-opened order starts over on new tickets, so every ticket of it that has not shipped is
 * VOIDED (with its packed shipment): the units picked or packed before the re-open can no
 * longer ship beside the new ticket for the same units. Their demand rows go (the re-open
 * writes the order's demand anew). Runs in the consumer's transaction; tickets are locked
 * before demand rows, the order packing takes them in.
 */
export async function voidTicketsOfOrder(em: EntityManager, orderId: string, reason: string): Promise<string[]> {
  const voided = await rows<{ id: string }>(
    em,
    `UPDATE warehouse.pick_tickets SET status = 'VOIDED', void_reason = $2, updated_at = now()
      WHERE order_id = $1 AND status = ANY($3::text[]) RETURNING id`,
    [orderId, reason, pickTicketStatus.into('VOIDED')],
  );
  const ids = voided.map((t) => t.id);
  if (ids.length === 0) return ids;
  await em.query(
    `UPDATE warehouse.shipments SET status = 'VOIDED' WHERE pick_ticket_id = ANY($1::uuid[]) AND status = ANY($2::text[])`,
    [ids, shipmentStatus.into('VOIDED')],
  );
  await em.query(`DELETE FROM warehouse.pick_demand WHERE pick_ticket_id = ANY($1::uuid[])`, [ids]);
  return ids;
}
