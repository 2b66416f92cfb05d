import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BillingInit1700000000400 implements MigrationInterface {
  name = 'BillingInit1700000000400';

  async up(q: QueryRunner): Promise<void> {
    // Billing's own copy of what it needs from placed orders; it never reads orders' schema.
    await q.query(`CREATE TABLE billing.orders (
      id uuid PRIMARY KEY,
      number text NOT NULL,
      customer_id uuid NOT NULL,
      currency text NOT NULL,
      order_date timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE billing.order_lines (
      id uuid PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES billing.orders(id),
      line_no integer NOT NULL,
      sku text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0)
    )`);
    await q.query(`CREATE INDEX order_lines_order ON billing.order_lines (order_id)`);
    await q.query(`CREATE TABLE billing.invoice_series (
      code text PRIMARY KEY,
      next_number bigint NOT NULL DEFAULT 1 CHECK (next_number >= 1)
    )`);
    await q.query(`INSERT INTO billing.invoice_series (code, next_number) VALUES ('INV', 1)`);
    await q.query(`CREATE TABLE billing.invoices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      series text NOT NULL REFERENCES billing.invoice_series(code),
      seq bigint NOT NULL,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL REFERENCES billing.orders(id),
      order_number text NOT NULL,
      shipment_id uuid NOT NULL UNIQUE,
      customer_id uuid NOT NULL,
      currency text NOT NULL,
      status text NOT NULL DEFAULT 'POSTED' CHECK (status IN ('POSTED', 'PARTLY_PAID', 'PAID')),
      total_minor bigint NOT NULL CHECK (total_minor >= 0),
      paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0 AND paid_minor <= total_minor),
      posted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (series, seq)
    )`);
    await q.query(`CREATE INDEX invoices_order ON billing.invoices (order_id)`);
    await q.query(`CREATE INDEX invoices_customer ON billing.invoices (customer_id, posted_at)`);
    await q.query(`CREATE TABLE billing.invoice_lines (
      invoice_id uuid NOT NULL REFERENCES billing.invoices(id),
      line_no integer NOT NULL,
      order_line_id uuid NOT NULL REFERENCES billing.order_lines(id),
      sku text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_price_minor bigint NOT NULL,
      line_total_minor bigint NOT NULL,
      PRIMARY KEY (invoice_id, line_no)
    )`);
    await q.query(`CREATE TABLE billing.ar_open_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL UNIQUE REFERENCES billing.invoices(id),
      customer_id uuid NOT NULL,
      currency text NOT NULL,
      original_minor bigint NOT NULL CHECK (original_minor >= 0),
      open_minor bigint NOT NULL CHECK (open_minor >= 0 AND open_minor <= original_minor),
      due_date date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX ar_open_items_customer ON billing.ar_open_items (customer_id, due_date) WHERE open_minor > 0`,
    );
    await q.query(`CREATE TABLE billing.payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES billing.invoices(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      currency text NOT NULL,
      method text NOT NULL CHECK (method IN ('BANK_TRANSFER', 'CARD', 'CASH', 'CHEQUE')),
      reference text,
      idempotency_key text UNIQUE,
      actor text NOT NULL,
      request_id text,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX payments_invoice ON billing.payments (invoice_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'payments',
      'ar_open_items',
      'invoice_lines',
      'invoices',
      'invoice_series',
      'order_lines',
      'orders',
    ]) {
      await q.query(`DROP TABLE billing.${table}`);
    }
  }
}
