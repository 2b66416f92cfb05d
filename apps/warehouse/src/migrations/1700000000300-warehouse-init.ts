import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WarehouseInit1700000000300 implements MigrationInterface {
  name = 'WarehouseInit1700000000300';

  async up(q: QueryRunner): Promise<void> {
    // Numbering and picking cycles: each is advanced by one UPDATE ... RETURNING.
    await q.query(`CREATE TABLE warehouse.counters (
      name text PRIMARY KEY,
      value bigint NOT NULL DEFAULT 0 CHECK (value >= 0)
    )`);
    await q.query(`INSERT INTO warehouse.counters (name) VALUES ('pick_ticket'), ('picking_cycle'), ('shipment')`);
    // What still has to be picked per order line and ship-from location. A row is OPEN until a
    // run puts it on a ticket; what a ticket does not pack comes back here as OPEN again.
    await q.query(`CREATE TABLE warehouse.pick_demand (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL,
      order_number text NOT NULL,
      order_line_id uuid NOT NULL,
      sku text NOT NULL,
      location_code text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      order_date timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'TICKETED')),
      pick_ticket_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'OPEN') = (pick_ticket_id IS NULL)),
      UNIQUE (order_line_id, location_code)
    )`);
    await q.query(`CREATE INDEX pick_demand_open ON warehouse.pick_demand (order_date) WHERE status = 'OPEN'`);
    await q.query(`CREATE TABLE warehouse.pick_tickets (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL,
      order_number text NOT NULL,
      location_code text NOT NULL,
      picking_cycle integer NOT NULL,
      status text NOT NULL CHECK (status IN ('OPEN', 'PICKED', 'PACKED', 'SHIPPED')),
      cutoff timestamptz NOT NULL,
      picked_by text,
      packed_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX pick_tickets_order ON warehouse.pick_tickets (order_id)`);
    await q.query(`CREATE INDEX pick_tickets_status ON warehouse.pick_tickets (status, number)`);
    await q.query(`CREATE TABLE warehouse.pick_ticket_lines (
      pick_ticket_id uuid NOT NULL REFERENCES warehouse.pick_tickets(id),
      order_line_id uuid NOT NULL,
      sku text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      picked_quantity integer NOT NULL DEFAULT 0,
      packed_quantity integer NOT NULL DEFAULT 0,
      CHECK (picked_quantity BETWEEN 0 AND quantity),
      CHECK (packed_quantity BETWEEN 0 AND picked_quantity),
      PRIMARY KEY (pick_ticket_id, order_line_id)
    )`);
    await q.query(`CREATE TABLE warehouse.shipments (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      pick_ticket_id uuid NOT NULL UNIQUE REFERENCES warehouse.pick_tickets(id),
      order_id uuid NOT NULL,
      order_number text NOT NULL,
      location_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('PACKED', 'SHIPPED')),
      carrier text,
      tracking_number text,
      shipped_at timestamptz,
      shipped_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status = 'PACKED' OR (carrier IS NOT NULL AND tracking_number IS NOT NULL AND shipped_at IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX shipments_order ON warehouse.shipments (order_id)`);
    await q.query(`CREATE TABLE warehouse.containers (
      id uuid PRIMARY KEY,
      shipment_id uuid NOT NULL REFERENCES warehouse.shipments(id),
      seq integer NOT NULL,
      code text NOT NULL,
      weight_grams integer CHECK (weight_grams >= 0),
      UNIQUE (shipment_id, seq),
      UNIQUE (shipment_id, code)
    )`);
    await q.query(`CREATE TABLE warehouse.container_lines (
      container_id uuid NOT NULL REFERENCES warehouse.containers(id),
      order_line_id uuid NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (container_id, order_line_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'container_lines',
      'containers',
      'shipments',
      'pick_ticket_lines',
      'pick_tickets',
      'pick_demand',
      'counters',
    ]) {
      await q.query(`DROP TABLE warehouse.${table}`);
    }
  }
}
