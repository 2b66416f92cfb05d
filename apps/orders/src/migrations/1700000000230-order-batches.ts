import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order batches: several open at once, each owned by an operator; drafts are
 * stored as the PlaceOrderRequest they will be posted as. An imported draft keeps its order
 * reference, unique within its batch, so importing the same file twice adds nothing.
 */
export class OrderBatches1700000000230 implements MigrationInterface {
  name = 'OrderBatches1700000000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO orders.counters (name) VALUES ('batch') ON CONFLICT DO NOTHING`);
    await q.query(`CREATE TABLE orders.batches (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('STANDARD', 'COUNTER')),
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'POSTED', 'CANCELLED')),
      owner text NOT NULL,
      default_customer_id uuid REFERENCES orders.customers(id),
      default_payment_method text,
      last_row_no integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      posted_at timestamptz,
      cancelled_at timestamptz,
      CONSTRAINT batches_counter_defaults CHECK (kind <> 'COUNTER' OR (default_customer_id IS NOT NULL AND default_payment_method IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX batches_status ON orders.batches (status, created_at DESC)`);
    await q.query(`CREATE INDEX batches_owner ON orders.batches (owner, created_at DESC)`);
    await q.query(`CREATE TABLE orders.batch_orders (
      id uuid PRIMARY KEY,
      batch_id uuid NOT NULL REFERENCES orders.batches(id),
      row_no integer NOT NULL,
      order_ref text,
      source_rows integer[],
      body jsonb NOT NULL,
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'POSTED', 'FAILED')),
      order_id uuid REFERENCES orders.orders(id),
      error jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (batch_id, row_no),
      UNIQUE (batch_id, order_ref),
      CHECK ((status = 'POSTED') = (order_id IS NOT NULL))
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.batch_orders`);
    await q.query(`DROP TABLE orders.batches`);
  }
}
