import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every order type with its number series, Ref Order ID, customers' terms and addresses, kits and charges on lines. */
export class OrderModel1700000000220 implements MigrationInterface {
  name = 'OrderModel1700000000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO orders.counters (name) VALUES
      ('order:QUOTE'), ('order:BACKORDER'), ('order:RECURRING'), ('order:RETURN'), ('order:CREDIT_MEMO'),
      ('order:INVOICE'), ('order:LOSS_RESHIPMENT'), ('batch') ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE orders.customers
      ADD COLUMN type text NOT NULL DEFAULT 'STANDARD',
      ADD COLUMN payment_terms text NOT NULL DEFAULT 'NET30',
      ADD COLUMN default_ship_from text,
      ADD COLUMN prepaid boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE orders.customer_addresses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL REFERENCES orders.customers(id),
      kind text NOT NULL CHECK (kind IN ('BILL_TO', 'SHIP_TO')),
      name text NOT NULL,
      line1 text NOT NULL,
      line2 text,
      city text NOT NULL,
      region text,
      postal_code text NOT NULL,
      country char(2) NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX customer_addresses_customer ON orders.customer_addresses (customer_id)`);
    await q.query(`ALTER TABLE orders.orders
      ADD COLUMN ref_order_id uuid REFERENCES orders.orders(id),
      ADD COLUMN ship_to_address_id uuid REFERENCES orders.customer_addresses(id),
      ADD COLUMN prepaid boolean NOT NULL DEFAULT false,
      ADD COLUMN priority integer NOT NULL DEFAULT 0,
      ADD COLUMN batch_id uuid,
      ADD COLUMN recurrence jsonb,
      ADD COLUMN next_run_on date,
      ADD COLUMN cancelled_at timestamptz,
      ADD CONSTRAINT orders_type_check CHECK (type IN ('QUOTE', 'ORDER', 'BACKORDER', 'RECURRING', 'RETURN', 'CREDIT_MEMO', 'INVOICE', 'LOSS_RESHIPMENT'))`);
    await q.query(`CREATE INDEX orders_ref ON orders.orders (ref_order_id)`);
    await q.query(`CREATE INDEX orders_type_date ON orders.orders (type, order_date DESC)`);
    await q.query(`CREATE INDEX orders_batch ON orders.orders (batch_id) WHERE batch_id IS NOT NULL`);
    await q.query(`ALTER TABLE orders.order_lines
      ADD COLUMN kind text NOT NULL DEFAULT 'ITEM' CHECK (kind IN ('ITEM', 'KIT', 'COMPONENT', 'CHARGE')),
      ADD COLUMN parent_line_id uuid REFERENCES orders.order_lines(id),
      ADD COLUMN description text,
      ADD COLUMN ship_fee_minor bigint NOT NULL DEFAULT 0 CHECK (ship_fee_minor >= 0),
      ADD COLUMN quoted_unit_price_minor bigint,
      ADD COLUMN returned_quantity integer NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0),
      ADD COLUMN moved_quantity integer NOT NULL DEFAULT 0 CHECK (moved_quantity >= 0),
      ADD COLUMN ref_line_id uuid,
      ADD COLUMN disposition text CHECK (disposition IN ('RESTOCK', 'WRITE_OFF'))`);
    await q.query(`ALTER TABLE orders.order_lines DROP CONSTRAINT order_lines_quantity_check`);
    await q.query(`ALTER TABLE orders.order_lines ADD CONSTRAINT order_lines_quantity_check CHECK (quantity >= 0)`);
    await q.query(`CREATE INDEX order_lines_order ON orders.order_lines (order_id, line_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders.order_lines DROP COLUMN kind, DROP COLUMN parent_line_id, DROP COLUMN description,
      DROP COLUMN ship_fee_minor, DROP COLUMN quoted_unit_price_minor, DROP COLUMN returned_quantity, DROP COLUMN moved_quantity,
      DROP COLUMN ref_line_id, DROP COLUMN disposition`);
    await q.query(`ALTER TABLE orders.orders DROP COLUMN ref_order_id, DROP COLUMN ship_to_address_id, DROP COLUMN prepaid,
      DROP COLUMN priority, DROP COLUMN batch_id, DROP COLUMN recurrence, DROP COLUMN next_run_on, DROP COLUMN cancelled_at,
      DROP CONSTRAINT orders_type_check`);
    await q.query(`DROP TABLE orders.customer_addresses`);
    await q.query(
      `ALTER TABLE orders.customers DROP COLUMN type, DROP COLUMN payment_terms, DROP COLUMN default_ship_from, DROP COLUMN prepaid`,
    );
  }
}
