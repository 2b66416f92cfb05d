import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices bill what pricing worked out beside the line prices. Billing's order copy learns
 * each line's tax rate and shipping fee and the order's freight and miscellaneous charges;
 * every invoice line says what it bills: an `ORDER_LINE` (quantity × unit price), a `CHARGE`
 * (a freight or miscellaneous charge of the order, or a line's shipping fee, which names its
 * order line) or a `TAX` line (the sum of the line and charge taxes at one rate), so an
 * invoice's total is the sum of its lines.
 */
export class InvoiceCharges1700000000450 implements MigrationInterface {
  name = 'InvoiceCharges1700000000450';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.order_lines
      ADD COLUMN tax_ppm integer CHECK (tax_ppm >= 0),
      ADD COLUMN ship_fee_minor bigint NOT NULL DEFAULT 0 CHECK (ship_fee_minor >= 0)`);
    await q.query(`CREATE TABLE billing.order_charges (
      order_id uuid NOT NULL REFERENCES billing.orders(id),
      charge_no integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('FREIGHT', 'MISC')),
      code text NOT NULL,
      description text NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      tax_ppm integer CHECK (tax_ppm >= 0),
      tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
      PRIMARY KEY (order_id, charge_no)
    )`);
    await q.query(`ALTER TABLE billing.invoice_lines
      ADD COLUMN kind text NOT NULL DEFAULT 'ORDER_LINE' CHECK (kind IN ('ORDER_LINE', 'CHARGE', 'TAX')),
      ADD COLUMN description text,
      ADD COLUMN charge_code text,
      ADD COLUMN charge_no integer,
      ADD COLUMN tax_ppm integer CHECK (tax_ppm >= 0),
      ADD COLUMN tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
      ALTER COLUMN order_line_id DROP NOT NULL,
      ALTER COLUMN sku DROP NOT NULL,
      ADD CONSTRAINT invoice_lines_what CHECK (
        (kind = 'ORDER_LINE' AND order_line_id IS NOT NULL AND sku IS NOT NULL)
        OR (kind = 'CHARGE' AND charge_code IS NOT NULL)
        OR (kind = 'TAX' AND tax_ppm IS NOT NULL AND order_line_id IS NULL))`);
    await q.query(`ALTER TABLE billing.invoices ADD COLUMN tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
      ADD COLUMN charges_minor bigint NOT NULL DEFAULT 0 CHECK (charges_minor >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.invoices DROP COLUMN tax_minor, DROP COLUMN charges_minor`);
    await q.query(`DELETE FROM billing.invoice_lines WHERE kind <> 'ORDER_LINE'`);
    await q.query(`ALTER TABLE billing.invoice_lines DROP CONSTRAINT invoice_lines_what,
      DROP COLUMN kind, DROP COLUMN description, DROP COLUMN charge_code, DROP COLUMN charge_no, DROP COLUMN tax_ppm,
      DROP COLUMN tax_minor, ALTER COLUMN order_line_id SET NOT NULL, ALTER COLUMN sku SET NOT NULL`);
    await q.query(`DROP TABLE billing.order_charges`);
    await q.query(`ALTER TABLE billing.order_lines DROP COLUMN tax_ppm, DROP COLUMN ship_fee_minor`);
  }
}
