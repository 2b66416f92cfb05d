import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { documentNumber, takeNumbers } from '../common/counters.js';

export interface NewContainer {
  code: string;
  weightGrams?: number;
  /** order line id -> quantity packed in this container */
  lines: Map<string, number>;
}

export interface NewShipment {
  pickTicketId: string;
  orderId: string;
  orderNumber: string;
  locationCode: string;
  containers: NewContainer[];
}

/** Writes a PACKED shipment with its containers inside the packing transaction; returns its id. */
export async function createShipment(em: EntityManager, shipment: NewShipment): Promise<string> {
  const id = randomUUID();
  const number = documentNumber('SH', await takeNumbers(em, 'shipment'));
  await em.query(
    `INSERT INTO warehouse.shipments (id, number, pick_ticket_id, order_id, order_number, location_code, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'PACKED')`,
    [id, number, shipment.pickTicketId, shipment.orderId, shipment.orderNumber, shipment.locationCode],
  );
  const containers = shipment.containers.map((c, i) => ({ ...c, id: randomUUID(), seq: i + 1 }));
  await em.query(
    `INSERT INTO warehouse.containers (id, shipment_id, seq, code, weight_grams)
     SELECT c.id, $1, c.seq, c.code, c.weight FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[]) AS c(id, seq, code, weight)`,
    [
      id,
      containers.map((c) => c.id),
      containers.map((c) => c.seq),
      containers.map((c) => c.code),
      containers.map((c) => c.weightGrams ?? null),
    ],
  );
  const lines = containers.flatMap((c) =>
    [...c.lines].map(([orderLineId, quantity]) => ({ containerId: c.id, orderLineId, quantity })),
  );
  await em.query(
    `INSERT INTO warehouse.container_lines (container_id, order_line_id, quantity)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])`,
    [lines.map((l) => l.containerId), lines.map((l) => l.orderLineId), lines.map((l) => l.quantity)],
  );
  return id;
}
