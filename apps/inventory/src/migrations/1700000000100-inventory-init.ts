import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InventoryInit1700000000100 implements MigrationInterface {
  name = 'InventoryInit1700000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inventory.items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sku text NOT NULL UNIQUE,
      name text NOT NULL,
      inventoried boolean NOT NULL DEFAULT true,
      stock_unit text NOT NULL DEFAULT 'EA',
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE inventory.locations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      priority integer NOT NULL DEFAULT 100,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE inventory.stock (
      item_id uuid NOT NULL REFERENCES inventory.items(id),
      location_id uuid NOT NULL REFERENCES inventory.locations(id),
      on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
      reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
      CHECK (reserved <= on_hand),
      PRIMARY KEY (item_id, location_id)
    )`);
    await q.query(`CREATE TABLE inventory.reservations (
      order_line_id uuid NOT NULL,
      location_id uuid NOT NULL REFERENCES inventory.locations(id),
      order_id uuid NOT NULL,
      item_id uuid NOT NULL REFERENCES inventory.items(id),
      quantity integer NOT NULL CHECK (quantity > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (order_line_id, location_id)
    )`);
    await q.query(`CREATE INDEX reservations_order ON inventory.reservations (order_id)`);
    await q.query(`CREATE TABLE inventory.backorders (
      order_line_id uuid PRIMARY KEY,
      order_id uuid NOT NULL,
      item_id uuid NOT NULL REFERENCES inventory.items(id),
      quantity integer NOT NULL CHECK (quantity >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX backorders_order ON inventory.backorders (order_id)`);
    await q.query(`CREATE TABLE inventory.ledger (
      id bigserial PRIMARY KEY,
      item_id uuid NOT NULL REFERENCES inventory.items(id),
      location_id uuid NOT NULL REFERENCES inventory.locations(id),
      kind text NOT NULL CHECK (kind IN ('RECEIPT', 'RESERVATION', 'RELEASE', 'SHIPMENT')),
      on_hand_delta integer NOT NULL,
      reserved_delta integer NOT NULL,
      order_line_id uuid,
      reference text,
      actor text NOT NULL,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ledger_item ON inventory.ledger (item_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ledger', 'backorders', 'reservations', 'stock', 'locations', 'items']) {
      await q.query(`DROP TABLE inventory.${table}`);
    }
  }
}
