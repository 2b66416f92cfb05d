import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sources (our warehouses and outside suppliers) own the locations; products with variants,
 * kits and item attributes; supplier SKUs mapped to our variants; one demand row per
 * reserved order line (the old back-order table) that says what the line asked for and how
 * much still waits; and a ledger that knows every kind of stock movement.
 */
export class InventorySourcing1700000000110 implements MigrationInterface {
  name = 'InventorySourcing1700000000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inventory.sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('WAREHOUSE', 'SUPPLIER')),
      priority integer NOT NULL DEFAULT 100 CHECK (priority >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Locations made before sources existed (and those made without one) belong to OWN.
    await q.query(
      `INSERT INTO inventory.sources (code, name, kind, priority) VALUES ('OWN', 'Own warehouse', 'WAREHOUSE', 100)`,
    );
    await q.query(`ALTER TABLE inventory.locations ADD COLUMN source_id uuid REFERENCES inventory.sources(id)`);
    await q.query(`UPDATE inventory.locations SET source_id = (SELECT id FROM inventory.sources WHERE code = 'OWN')`);
    await q.query(`ALTER TABLE inventory.locations ALTER COLUMN source_id SET NOT NULL`);

    await this.items(q);
    await q.query(`CREATE TABLE inventory.source_items (
      source_id uuid NOT NULL REFERENCES inventory.sources(id),
      supplier_sku text NOT NULL,
      item_id uuid NOT NULL REFERENCES inventory.items(id),
      feed_as_of timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source_id, supplier_sku),
      UNIQUE (source_id, item_id)
    )`);
    await q.query(`CREATE INDEX source_items_item ON inventory.source_items (item_id)`);

    await this.reserveLines(q);
    await this.ledger(q);
  }

  /** Products with variants, item attributes and kit components. */
  private async items(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inventory.products (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`ALTER TABLE inventory.items
      ADD COLUMN product_id uuid REFERENCES inventory.products(id),
      ADD COLUMN weight_grams integer CHECK (weight_grams >= 0),
      ADD COLUMN category text,
      ADD COLUMN tax_class text NOT NULL DEFAULT 'STANDARD',
      ADD COLUMN warehouse_location_id uuid REFERENCES inventory.locations(id),
      ADD COLUMN bin text,
      ADD COLUMN is_kit boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT items_bin_needs_location CHECK (bin IS NULL OR warehouse_location_id IS NOT NULL)`);
    await q.query(`CREATE INDEX items_product ON inventory.items (product_id) WHERE product_id IS NOT NULL`);
    await q.query(`CREATE TABLE inventory.item_components (
      kit_item_id uuid NOT NULL REFERENCES inventory.items(id),
      component_item_id uuid NOT NULL REFERENCES inventory.items(id),
      quantity integer NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (kit_item_id, component_item_id),
      CHECK (kit_item_id <> component_item_id)
    )`);
  }

  /** One row per order line inventory was asked to reserve: the request and what still waits. */
  private async reserveLines(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inventory.backorders RENAME TO reserve_lines`);
    await q.query(`ALTER TABLE inventory.reserve_lines RENAME COLUMN quantity TO backordered`);
    await q.query(`ALTER TABLE inventory.reserve_lines
      ADD COLUMN requested integer NOT NULL DEFAULT 0,
      ADD COLUMN location_id uuid REFERENCES inventory.locations(id),
      ADD COLUMN source_id uuid REFERENCES inventory.sources(id),
      ADD COLUMN allow_split boolean NOT NULL DEFAULT true,
      ADD COLUMN priority integer NOT NULL DEFAULT 0,
      ADD COLUMN order_number text,
      ADD COLUMN order_type text,
      ADD COLUMN order_date timestamptz`);
    await q.query(`UPDATE inventory.reserve_lines b SET requested = b.backordered
      + COALESCE((SELECT sum(r.quantity) FROM inventory.reservations r WHERE r.order_line_id = b.order_line_id), 0)`);
    await q.query(
      `ALTER TABLE inventory.reserve_lines ADD CONSTRAINT reserve_lines_backordered_le_requested CHECK (backordered <= requested)`,
    );
    await q.query(`CREATE INDEX reserve_lines_waiting ON inventory.reserve_lines (item_id, priority DESC, created_at, order_line_id)
      WHERE backordered > 0`);
    await q.query(`CREATE INDEX reservations_stock ON inventory.reservations (item_id, location_id)`);
  }

  private async ledger(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inventory.ledger DROP CONSTRAINT ledger_kind_check`);
    await q.query(`ALTER TABLE inventory.ledger ADD CONSTRAINT ledger_kind_check CHECK (kind IN
      ('RECEIPT', 'ADJUSTMENT', 'TRANSFER_OUT', 'TRANSFER_IN', 'RESERVATION', 'RELEASE', 'SHIPMENT', 'RETURN_RESTOCK', 'WRITE_OFF'))`);
    await q.query(`ALTER TABLE inventory.ledger ADD COLUMN reason text, ADD COLUMN order_id uuid`);
    await q.query(`CREATE INDEX ledger_item_location ON inventory.ledger (item_id, location_id)`);
    await q.query(`CREATE INDEX ledger_order_line ON inventory.ledger (order_line_id) WHERE order_line_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inventory.ledger_order_line`);
    await q.query(`DROP INDEX inventory.ledger_item_location`);
    await q.query(
      `ALTER TABLE inventory.ledger DROP COLUMN reason, DROP COLUMN order_id, DROP CONSTRAINT ledger_kind_check`,
    );
    await q.query(
      `ALTER TABLE inventory.ledger ADD CONSTRAINT ledger_kind_check CHECK (kind IN ('RECEIPT', 'RESERVATION', 'RELEASE', 'SHIPMENT'))`,
    );
    await q.query(`DROP INDEX inventory.reservations_stock`);
    await q.query(`DROP INDEX inventory.reserve_lines_waiting`);
    await q.query(`ALTER TABLE inventory.reserve_lines DROP CONSTRAINT reserve_lines_backordered_le_requested,
      DROP COLUMN requested, DROP COLUMN location_id, DROP COLUMN source_id, DROP COLUMN allow_split, DROP COLUMN priority,
      DROP COLUMN order_number, DROP COLUMN order_type, DROP COLUMN order_date`);
    await q.query(`ALTER TABLE inventory.reserve_lines RENAME COLUMN backordered TO quantity`);
    await q.query(`ALTER TABLE inventory.reserve_lines RENAME TO backorders`);
    await q.query(`DROP TABLE inventory.source_items`);
    await q.query(`DROP TABLE inventory.item_components`);
    await q.query(`ALTER TABLE inventory.items DROP COLUMN product_id, DROP COLUMN weight_grams, DROP COLUMN category,
      DROP COLUMN tax_class, DROP COLUMN warehouse_location_id, DROP COLUMN bin, DROP COLUMN is_kit`);
    await q.query(`DROP TABLE inventory.products`);
    await q.query(`ALTER TABLE inventory.locations DROP COLUMN source_id`);
    await q.query(`DROP TABLE inventory.sources`);
  }
}
