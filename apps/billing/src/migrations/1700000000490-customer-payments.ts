import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments that allocate: a customer payment is the money received (`billing.customer_payments`);
 * each allocation of it to an invoice is an invoice payment (`billing.payments.customer_payment_id`),
 * so everything that reads an invoice's payments (reversals, aging, consistency) reads allocations
 * too. `unapplied_minor` is what is still on account; the CHECK keeps it from going below 0 even if
 * a code path forgot the row lock. A refund pays part of it out (`billing.payment_refunds`).
 */
export class CustomerPayments1700000000490 implements MigrationInterface {
  name = 'CustomerPayments1700000000490';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE billing.customer_payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL,
      currency text NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      allocated_minor bigint NOT NULL DEFAULT 0 CHECK (allocated_minor >= 0),
      refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
      unapplied_minor bigint NOT NULL CHECK (unapplied_minor >= 0),
      method text NOT NULL CHECK (method IN ('BANK_TRANSFER', 'CARD', 'CASH', 'CHEQUE')),
      reference text,
      received_on date NOT NULL,
      idempotency_key text UNIQUE,
      actor text NOT NULL,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (allocated_minor + refunded_minor + unapplied_minor = amount_minor)
    )`);
    await q.query(
      `CREATE INDEX customer_payments_customer ON billing.customer_payments (customer_id) WHERE unapplied_minor > 0`,
    );
    await q.query(
      `ALTER TABLE billing.payments ADD COLUMN customer_payment_id uuid REFERENCES billing.customer_payments(id)`,
    );
    await q.query(
      `CREATE INDEX payments_customer_payment ON billing.payments (customer_payment_id) WHERE customer_payment_id IS NOT NULL`,
    );
    await q.query(`CREATE TABLE billing.payment_refunds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_payment_id uuid NOT NULL REFERENCES billing.customer_payments(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      reference text,
      idempotency_key text UNIQUE,
      actor text NOT NULL,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX payment_refunds_payment ON billing.payment_refunds (customer_payment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing.payment_refunds`);
    await q.query(`ALTER TABLE billing.payments DROP COLUMN customer_payment_id`);
    await q.query(`DROP TABLE billing.customer_payments`);
  }
}
