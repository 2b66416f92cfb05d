import type { ContainerView, ShipmentStatus, ShipmentView } from '#contracts';
import { DomainError, maybeRow, type Queryable, rows } from '#platform';

/** A row of `warehouse.shipments`, as the views read it. */
export interface ShipmentRow {
  id: string;
  number: string;
  pick_ticket_id: string;
  order_id: string;
  order_number: string;
  location_code: string;
  status: ShipmentStatus;
  carrier: string | null;
  tracking_number: string | null;
  shipped_at: Date | null;
}

/** A row of `warehouse.containers`. */
export interface ContainerRow {
  id: string;
  shipment_id: string;
  seq: number;
  code: string;
  weight_grams: number | null;
}

/** A row of `warehouse.container_lines`. */
export interface ContainerLineRow {
  container_id: string;
  order_line_id: string;
  quantity: number;
}

/** A shipment with its containers (by packing sequence) and their lines. */
export async function readShipment(db: Queryable, id: string): Promise<ShipmentView> {
  const shipment = await maybeRow<ShipmentRow>(
    db,
    `SELECT id, number, pick_ticket_id, order_id, order_number, location_code, status, carrier, tracking_number, shipped_at
       FROM warehouse.shipments WHERE id = $1`,
    [id],
  );
  if (!shipment) throw new DomainError('SHIPMENT_NOT_FOUND', `No shipment with id ${id}`, { id });
  const containers = await rows<ContainerRow>(
    db,
    `SELECT id, shipment_id, seq, code, weight_grams FROM warehouse.containers WHERE shipment_id = $1 ORDER BY seq`,
    [id],
  );
  const lines = await rows<ContainerLineRow>(
    db,
    `SELECT l.container_id, l.order_line_id, l.quantity FROM warehouse.container_lines l
       JOIN warehouse.containers c ON c.id = l.container_id
      WHERE c.shipment_id = $1 ORDER BY l.order_line_id`,
    [id],
  );
  return toShipmentView(
    shipment,
    containers.map((c) =>
      toContainerView(
        c,
        lines.filter((l) => l.container_id === c.id),
      ),
    ),
  );
}

function toContainerView(container: ContainerRow, lines: ContainerLineRow[]): ContainerView {
  return {
    id: container.id,
    code: container.code,
    weightGrams: container.weight_grams ?? undefined,
    lines: lines.map((l) => ({ orderLineId: l.order_line_id, quantity: l.quantity })),
  };
}

function toShipmentView(shipment: ShipmentRow, containers: ContainerView[]): ShipmentView {
  return {
    id: shipment.id,
    number: shipment.number,
    pickTicketId: shipment.pick_ticket_id,
    orderId: shipment.order_id,
    locationCode: shipment.location_code,
    status: shipment.status,
    carrier: shipment.carrier ?? undefined,
    trackingNumber: shipment.tracking_number ?? undefined,
    shippedAt: shipment.shipped_at?.toISOString(),
    containers,
  };
}
