import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Credit notes for returns, numbered without gaps in their own series, and the refunds paid out for them. */
export class CreditNotes1700000000420 implements MigrationInterface {
  name = 'CreditNotes1700000000420';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO billing.invoice_series (code, next_number) VALUES ('CN', 1) ON CONFLICT DO NOTHING`);
    await q.query(`CREATE TABLE billing.credit_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      series text NOT NULL REFERENCES billing.invoice_series(code),
      seq bigint NOT NULL,
      number text NOT NULL UNIQUE,
      return_id uuid NOT NULL UNIQUE,
      return_number text NOT NULL,
      original_order_id uuid NOT NULL,
      original_order_number text NOT NULL,
      customer_id uuid NOT NULL,
      currency text NOT NULL,
      goods_minor bigint NOT NULL CHECK (goods_minor >= 0),
      handling_minor bigint NOT NULL CHECK (handling_minor >= 0),
      total_minor bigint NOT NULL CHECK (total_minor >= 0),
      settlement text NOT NULL CHECK (settlement IN ('CREDIT_MEMO', 'REFUND')),
      open_minor bigint NOT NULL CHECK (open_minor >= 0 AND open_minor <= total_minor),
      posted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (series, seq)
    )`);
    await q.query(`CREATE INDEX credit_notes_customer ON billing.credit_notes (customer_id, posted_at)`);
    await q.query(`CREATE TABLE billing.credit_note_lines (
      credit_note_id uuid NOT NULL REFERENCES billing.credit_notes(id),
      line_no integer NOT NULL,
      order_line_id uuid NOT NULL,
      sku text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_price_minor bigint NOT NULL,
      line_total_minor bigint NOT NULL,
      disposition text NOT NULL,
      PRIMARY KEY (credit_note_id, line_no)
    )`);
    await q.query(`CREATE TABLE billing.refunds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      credit_note_id uuid NOT NULL UNIQUE REFERENCES billing.credit_notes(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      currency text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing.refunds`);
    await q.query(`DROP TABLE billing.credit_note_lines`);
    await q.query(`DROP TABLE billing.credit_notes`);
    await q.query(`DELETE FROM billing.invoice_series WHERE code = 'CN'`);
  }
}
