import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which order a quote became, and which run of a recurring template made which order: each at most once. */
export class OrderLinks1700000000222 implements MigrationInterface {
  name = 'OrderLinks1700000000222';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE orders.quote_conversions (
      quote_id uuid PRIMARY KEY REFERENCES orders.orders(id),
      order_id uuid NOT NULL UNIQUE REFERENCES orders.orders(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE orders.recurring_runs (
      template_id uuid NOT NULL REFERENCES orders.orders(id),
      run_on date NOT NULL,
      order_id uuid NOT NULL UNIQUE REFERENCES orders.orders(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (template_id, run_on)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.recurring_runs`);
    await q.query(`DROP TABLE orders.quote_conversions`);
  }
}
