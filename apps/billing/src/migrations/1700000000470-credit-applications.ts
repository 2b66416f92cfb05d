import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A credit note settles: it is applied to the open amount of the original order's invoices
 * first (then, for a credit memo, to the customer's other open invoices), and only what was
 * paid and not already credited is refunded; the rest stays on account (`open_minor`). An
 * invoice's open amount is its total less what was paid and what was credited to it.
 */
export class CreditApplications1700000000470 implements MigrationInterface {
  name = 'CreditApplications1700000000470';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.invoices ADD COLUMN credited_minor bigint NOT NULL DEFAULT 0 CHECK (credited_minor >= 0),
      ADD CONSTRAINT invoices_settled_within_total CHECK (paid_minor + credited_minor <= total_minor)`);
    await q.query(
      `ALTER TABLE billing.credit_notes ADD COLUMN applied_minor bigint NOT NULL DEFAULT 0 CHECK (applied_minor >= 0)`,
    );
    await q.query(`CREATE TABLE billing.credit_applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      credit_note_id uuid NOT NULL REFERENCES billing.credit_notes(id),
      invoice_id uuid NOT NULL REFERENCES billing.invoices(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      applied_at timestamptz NOT NULL DEFAULT now(),
      -- Re-opening the invoice's order voids it: the credit goes back on account, and this says when.
      reversed_at timestamptz,
      UNIQUE (credit_note_id, invoice_id)
    )`);
    await q.query(`CREATE INDEX credit_applications_invoice ON billing.credit_applications (invoice_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing.credit_applications`);
    await q.query(`ALTER TABLE billing.credit_notes DROP COLUMN applied_minor`);
    await q.query(
      `ALTER TABLE billing.invoices DROP CONSTRAINT invoices_settled_within_total, DROP COLUMN credited_minor`,
    );
  }
}
