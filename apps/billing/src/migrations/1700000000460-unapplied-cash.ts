import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A voided invoice has nothing open and nothing paid: its payments are un-allocated, each with
 * its reversal record, and the money stays on account for the customer as unapplied cash
 * (`open_minor` is what is not yet allocated elsewhere or refunded). Invoices voided before
 * this are corrected the same way.
 */
export class UnappliedCash1700000000460 implements MigrationInterface {
  name = 'UnappliedCash1700000000460';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE billing.unapplied_cash (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL,
      currency text NOT NULL,
      payment_id uuid NOT NULL REFERENCES billing.payments(id),
      reversal_id uuid NOT NULL UNIQUE REFERENCES billing.payment_reversals(id),
      from_invoice_id uuid NOT NULL REFERENCES billing.invoices(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      open_minor bigint NOT NULL CHECK (open_minor >= 0 AND open_minor <= amount_minor),
      reason text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX unapplied_cash_customer ON billing.unapplied_cash (customer_id) WHERE open_minor > 0`);
    await q.query(`INSERT INTO billing.unapplied_cash (customer_id, currency, payment_id, reversal_id, from_invoice_id, amount_minor,
                                                      open_minor, reason, created_at)
      SELECT i.customer_id, p.currency, p.id, r.id, i.id, r.amount_minor, r.amount_minor, r.reason, r.created_at
        FROM billing.payment_reversals r JOIN billing.payments p ON p.id = r.payment_id JOIN billing.invoices i ON i.id = p.invoice_id`);
    await q.query(`UPDATE billing.invoices SET paid_minor = 0 WHERE voided_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE billing.invoices i SET paid_minor = (SELECT COALESCE(sum(u.amount_minor), 0)
      FROM billing.unapplied_cash u WHERE u.from_invoice_id = i.id) WHERE voided_at IS NOT NULL`);
    await q.query(`DROP TABLE billing.unapplied_cash`);
  }
}
