import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order carries what pricing worked out beside the line prices: each line's tax (the rate
 * in parts per million and the amount, rounded half-up per line) and the order's freight and
 * miscellaneous charges with their tax, so the order, its invoices and the quote agree.
 */
export class OrderCharges1700000000250 implements MigrationInterface {
  name = 'OrderCharges1700000000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders.order_lines
      ADD COLUMN tax_ppm integer CHECK (tax_ppm >= 0),
      ADD COLUMN tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0)`);
    await q.query(`CREATE TABLE orders.order_charges (
      order_id uuid NOT NULL REFERENCES orders.orders(id),
      charge_no integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('FREIGHT', 'MISC')),
      code text NOT NULL,
      description text NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      tax_ppm integer CHECK (tax_ppm >= 0),
      tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
      PRIMARY KEY (order_id, charge_no)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.order_charges`);
    await q.query(`ALTER TABLE orders.order_lines DROP COLUMN tax_ppm, DROP COLUMN tax_minor`);
  }
}
