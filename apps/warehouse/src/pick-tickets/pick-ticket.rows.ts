import type { EntityManager } from 'typeorm';
import type {
  LineQuantity,
  PickTicketShipmentView,
  PickTicketStatus,
  PickTicketView,
  ShipmentStatus,
} from '#contracts';
import { DomainError, maybeRow, type Queryable, rows } from '#platform';

/** A row of `warehouse.pick_tickets`, as the views read it. */
export interface PickTicketRow {
  id: string;
  number: string;
  order_id: string;
  order_number: string;
  location_code: string;
  picking_cycle: number;
  status: PickTicketStatus;
  cutoff: Date;
  created_at: Date;
  void_reason: string | null;
  shipment_id: string | null;
}

export const PICK_TICKET_COLUMNS = `id, number, order_id, order_number, location_code, picking_cycle, status, cutoff, created_at, void_reason,
  (SELECT s.id FROM warehouse.shipments s WHERE s.pick_ticket_id = pick_tickets.id) AS shipment_id`;

export interface LockedPickTicket {
  id: string;
  number: string;
  order_id: string;
  order_number: string;
  location_code: string;
  status: PickTicketStatus;
  void_reason: string | null;
}

/** Why an order line was taken off a ticket it is printed on. */
export type ClosedReason = 'CANCELLED' | 'TERMINATED' | 'HELD';

export interface PickTicketLineRow {
  order_line_id: string;
  sku: string;
  quantity: number;
  picked_quantity: number;
  packed_quantity: number;
  closed: ClosedReason | null;
}

/** Locks a pick ticket for the rest of the transaction, so status moves on it are serialised. */
export async function lockPickTicket(em: EntityManager, id: string): Promise<LockedPickTicket> {
  const ticket = await maybeRow<LockedPickTicket>(
    em,
    `SELECT id, number, order_id, order_number, location_code, status, void_reason FROM warehouse.pick_tickets WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!ticket) throw new DomainError('PICK_TICKET_NOT_FOUND', `No pick ticket with id ${id}`, { id });
  return ticket;
}

export async function pickTicketLines(em: EntityManager, id: string): Promise<PickTicketLineRow[]> {
  return rows<PickTicketLineRow>(
    em,
    `SELECT order_line_id, sku, quantity, picked_quantity, packed_quantity, closed FROM warehouse.pick_ticket_lines
      WHERE pick_ticket_id = $1 ORDER BY sku, order_line_id`,
    [id],
  );
}

/** The tickets' lines, by sku and order line, with the ticket each belongs to. */
export async function linesOfTickets(
  db: Queryable,
  ticketIds: string[],
): Promise<Array<PickTicketLineRow & { pick_ticket_id: string }>> {
  return rows<PickTicketLineRow & { pick_ticket_id: string }>(
    db,
    `SELECT pick_ticket_id, order_line_id, sku, quantity, picked_quantity, packed_quantity, closed FROM warehouse.pick_ticket_lines
      WHERE pick_ticket_id = ANY($1::uuid[]) ORDER BY sku, order_line_id`,
    [ticketIds],
  );
}

/** A shipment of a ticket, as the ticket's view lists it. */
export interface TicketShipmentRow {
  id: string;
  number: string;
  pick_ticket_id: string;
  status: ShipmentStatus;
  carrier: string | null;
  tracking_number: string | null;
  shipped_at: Date | null;
}

/** The shipments packed from the tickets, by number. */
export async function shipmentsOfTickets(db: Queryable, ticketIds: string[]): Promise<TicketShipmentRow[]> {
  return rows<TicketShipmentRow>(
    db,
    `SELECT id, number, pick_ticket_id, status, carrier, tracking_number, shipped_at FROM warehouse.shipments
      WHERE pick_ticket_id = ANY($1::uuid[]) ORDER BY number`,
    [ticketIds],
  );
}

function toTicketShipmentView(s: TicketShipmentRow): PickTicketShipmentView {
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    carrier: s.carrier ?? undefined,
    trackingNumber: s.tracking_number ?? undefined,
    shippedAt: s.shipped_at?.toISOString(),
  };
}

export function toPickTicketView(
  ticket: PickTicketRow,
  lines: PickTicketLineRow[],
  shipments: TicketShipmentRow[] = [],
): PickTicketView {
  return {
    id: ticket.id,
    number: ticket.number,
    orderId: ticket.order_id,
    orderNumber: ticket.order_number,
    locationCode: ticket.location_code,
    pickingCycle: ticket.picking_cycle,
    status: ticket.status,
    cutoff: ticket.cutoff.toISOString(),
    createdAt: ticket.created_at.toISOString(),
    shipmentId: ticket.shipment_id ?? undefined,
    voidReason: ticket.void_reason ?? undefined,
    lines: lines.map((l) => ({
      orderLineId: l.order_line_id,
      sku: l.sku,
      quantity: l.quantity,
      pickedQuantity: l.picked_quantity,
      packedQuantity: l.packed_quantity,
      closed: l.closed ?? undefined,
    })),
    shipments: shipments.map(toTicketShipmentView),
  };
}

/**
 * Adds up requested quantities per order line (a line scanned twice counts twice) and checks
 * them against the ticket: a line that is not on it is VALIDATION_FAILED, a line taken off it
 * is ORDER_LINE_CLOSED, more than `limit` allows is QUANTITY_EXCEEDED. Throws before anything
 * is written.
 */
export function tallyAgainstTicket(
  ticketNumber: string,
  lines: PickTicketLineRow[],
  requested: LineQuantity[],
  limit: { of: (line: PickTicketLineRow) => number; what: string },
): Map<string, number> {
  const byId = new Map(lines.map((l) => [l.order_line_id, l]));
  const totals = new Map<string, number>();
  for (const { orderLineId, quantity } of requested) {
    if (!byId.has(orderLineId)) {
      throw new DomainError('VALIDATION_FAILED', `Order line ${orderLineId} is not on pick ticket ${ticketNumber}`, {
        fields: [{ field: 'lines.orderLineId', problems: [`${orderLineId} is not on pick ticket ${ticketNumber}`] }],
      });
    }
    assertLineOpen(ticketNumber, byId.get(orderLineId)!);
    totals.set(orderLineId, (totals.get(orderLineId) ?? 0) + quantity);
  }
  for (const [orderLineId, total] of totals) {
    const line = byId.get(orderLineId)!;
    const allowed = limit.of(line);
    if (total > allowed) {
      throw new DomainError(
        'QUANTITY_EXCEEDED',
        `Pick ticket ${ticketNumber}: ${total} of ${line.sku} requested for order line ${orderLineId}, but only ${allowed} ${limit.what}`,
        { orderLineId, sku: line.sku, requested: total, allowed },
      );
    }
  }
  return totals;
}

/** A line taken off the ticket is neither picked nor packed: 409 ORDER_LINE_CLOSED, in one line. */
export function assertLineOpen(ticketNumber: string, line: PickTicketLineRow): void {
  if (!line.closed) return;
  throw new DomainError(
    'ORDER_LINE_CLOSED',
    `${line.sku} on pick ticket ${ticketNumber} was ${line.closed.toLowerCase()} on the order: do not pick or pack it`,
    { orderLineId: line.order_line_id, sku: line.sku, closed: line.closed },
  );
}
