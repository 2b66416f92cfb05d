import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices are due by their customer's payment terms (NET30, NET14, DUE_ON_RECEIPT, …), which
 * orders passes on with each order; an invoice keeps the terms and due date it was posted with.
 * Invoices from before keep the 30 days they were given.
 */
export class PaymentTerms1700000000480 implements MigrationInterface {
  name = 'PaymentTerms1700000000480';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.orders ADD COLUMN payment_terms text`);
    await q.query(
      `ALTER TABLE billing.invoices ADD COLUMN payment_terms text NOT NULL DEFAULT 'NET30', ADD COLUMN due_date date`,
    );
    await q.query(
      `UPDATE billing.invoices i SET due_date = a.due_date FROM billing.ar_open_items a WHERE a.invoice_id = i.id`,
    );
    await q.query(
      `UPDATE billing.invoices SET due_date = (posted_at AT TIME ZONE 'UTC')::date + 30 WHERE due_date IS NULL`,
    );
    await q.query(`ALTER TABLE billing.invoices ALTER COLUMN due_date SET NOT NULL`);
    await q.query(`CREATE INDEX invoices_aging ON billing.invoices (customer_id, due_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX billing.invoices_aging`);
    await q.query(`ALTER TABLE billing.invoices DROP COLUMN payment_terms, DROP COLUMN due_date`);
    await q.query(`ALTER TABLE billing.orders DROP COLUMN payment_terms`);
  }
}
