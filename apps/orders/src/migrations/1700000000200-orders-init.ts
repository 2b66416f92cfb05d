import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersInit1700000000200 implements MigrationInterface {
  name = 'OrdersInit1700000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE orders.counters (name text PRIMARY KEY, value bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO orders.counters (name) VALUES ('customer'), ('order:ORDER')`);
    await q.query(`CREATE TABLE orders.customers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      name text NOT NULL,
      email text,
      currency char(3) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE orders.orders (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      type text NOT NULL,
      customer_id uuid NOT NULL REFERENCES orders.customers(id),
      customer_reference text,
      currency char(3) NOT NULL,
      ship_from_location text,
      order_date timestamptz NOT NULL DEFAULT now(),
      idempotency_key text UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX orders_customer ON orders.orders (customer_id, order_date DESC)`);
    await q.query(`CREATE TABLE orders.order_lines (
      id uuid PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders.orders(id),
      line_no integer NOT NULL,
      sku text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
      price_id text NOT NULL,
      line_status text NOT NULL,
      fulfill_status text NOT NULL,
      reserved_quantity integer NOT NULL DEFAULT 0,
      backordered_quantity integer NOT NULL DEFAULT 0,
      shipped_quantity integer NOT NULL DEFAULT 0 CHECK (shipped_quantity >= 0),
      invoiced_quantity integer NOT NULL DEFAULT 0 CHECK (invoiced_quantity >= 0),
      allocations jsonb NOT NULL DEFAULT '[]',
      UNIQUE (order_id, line_no)
    )`);
    await q.query(`CREATE TABLE orders.order_invoices (
      invoice_id uuid PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders.orders(id),
      number text NOT NULL,
      total_minor bigint NOT NULL,
      paid_minor bigint NOT NULL DEFAULT 0,
      posted_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX order_invoices_order ON orders.order_invoices (order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['order_invoices', 'order_lines', 'orders', 'customers', 'counters'])
      await q.query(`DROP TABLE orders.${table}`);
  }
}
