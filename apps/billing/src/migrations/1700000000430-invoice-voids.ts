import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-opening an order voids its invoices (they keep their numbers: no gaps) and reverses
 * its payments; both stay as visible records.
 */
export class InvoiceVoids1700000000430 implements MigrationInterface {
  name = 'InvoiceVoids1700000000430';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.invoices DROP CONSTRAINT invoices_status_check`);
    await q.query(`ALTER TABLE billing.invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('POSTED', 'PARTLY_PAID', 'PAID', 'VOIDED')),
      ADD COLUMN voided_at timestamptz, ADD COLUMN void_reason text`);
    await q.query(`CREATE TABLE billing.payment_reversals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id uuid NOT NULL UNIQUE REFERENCES billing.payments(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      reason text NOT NULL,
      actor text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing.payment_reversals`);
    await q.query(
      `ALTER TABLE billing.invoices DROP CONSTRAINT invoices_status_check, DROP COLUMN voided_at, DROP COLUMN void_reason`,
    );
    await q.query(
      `ALTER TABLE billing.invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('POSTED', 'PARTLY_PAID', 'PAID'))`,
    );
  }
}
