import type { FactsPage, FactsPageRequest, PickDemandFact, PickTicketStatus, TicketLineFact } from '#contracts';
import { factsPage, factsWindow, type Queryable, rows } from '#platform';

interface DemandRow {
  id: string;
  order_id: string;
  order_line_id: string;
  location_code: string;
  quantity: number;
  held: boolean;
}

interface TicketLineRow {
  pick_ticket_id: string;
  order_id: string;
  order_line_id: string;
  location_code: string;
  status: PickTicketStatus;
  quantity: number;
  packed_quantity: number;
  shipment_id: string | null;
  shipped_at: Date | null;
}

/** One page of open pick demand (not on a ticket yet), in id order. */
export async function openDemandFacts(db: Queryable, request: FactsPageRequest): Promise<FactsPage<PickDemandFact>> {
  const window = factsWindow(request, ['uuid']);
  const found = await rows<DemandRow>(
    db,
    `SELECT id, order_id, order_line_id, location_code, quantity, held FROM warehouse.pick_demand
      WHERE status = 'OPEN' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
    [...window.after, window.take],
  );
  return factsPage(
    found,
    window,
    (row) => ({
      demandId: row.id,
      orderId: row.order_id,
      orderLineId: row.order_line_id,
      locationCode: row.location_code,
      quantity: row.quantity,
      held: row.held,
    }),
    (row) => [row.id],
  );
}

/**
 * One page of pick ticket lines in key order (ticket, order line), with the shipment that
 * shipped them. A line taken off its ticket (cancelled, terminated or held after printing) is
 * no longer on it and is left out.
 */
export async function ticketLineFacts(db: Queryable, request: FactsPageRequest): Promise<FactsPage<TicketLineFact>> {
  const window = factsWindow(request, ['uuid', 'uuid']);
  const found = await rows<TicketLineRow>(
    db,
    `SELECT l.pick_ticket_id, t.order_id, l.order_line_id, t.location_code, t.status, l.quantity, l.packed_quantity,
            s.id AS shipment_id, s.shipped_at
       FROM warehouse.pick_ticket_lines l
       JOIN warehouse.pick_tickets t ON t.id = l.pick_ticket_id
       LEFT JOIN warehouse.shipments s ON s.pick_ticket_id = t.id AND s.status = 'SHIPPED'
      WHERE l.closed IS NULL AND ($1::uuid IS NULL OR (l.pick_ticket_id, l.order_line_id) > ($1::uuid, $2::uuid))
      ORDER BY l.pick_ticket_id, l.order_line_id LIMIT $3`,
    [...window.after, window.take],
  );
  return factsPage(found, window, toTicketLineFact, (row) => [row.pick_ticket_id, row.order_line_id]);
}

function toTicketLineFact(row: TicketLineRow): TicketLineFact {
  const fact: TicketLineFact = {
    pickTicketId: row.pick_ticket_id,
    orderId: row.order_id,
    orderLineId: row.order_line_id,
    locationCode: row.location_code,
    ticketStatus: row.status,
    quantity: row.quantity,
    packedQuantity: row.packed_quantity,
  };
  if (row.shipment_id && row.shipped_at) {
    fact.shipmentId = row.shipment_id;
    fact.shippedAt = new Date(row.shipped_at).toISOString();
  }
  return fact;
}
