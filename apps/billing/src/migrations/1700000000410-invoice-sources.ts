import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices come from more than shipments: a one-step invoice order is billed at entry and a
 * pre-shipped line when it is handed over. `source` names what an invoice bills, once.
 * Billing's order copy learns the order type (a loss/reshipment is never invoiced).
 */
export class InvoiceSources1700000000410 implements MigrationInterface {
  name = 'InvoiceSources1700000000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.invoices ADD COLUMN source text, ALTER COLUMN shipment_id DROP NOT NULL`);
    await q.query(`UPDATE billing.invoices SET source = 'shipment:' || shipment_id`);
    await q.query(
      `ALTER TABLE billing.invoices ALTER COLUMN source SET NOT NULL, ADD CONSTRAINT invoices_source_key UNIQUE (source)`,
    );
    await q.query(
      `ALTER TABLE billing.orders ADD COLUMN type text NOT NULL DEFAULT 'ORDER', ADD COLUMN prepaid boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.orders DROP COLUMN type, DROP COLUMN prepaid`);
    await q.query(`ALTER TABLE billing.invoices DROP COLUMN source, ALTER COLUMN shipment_id SET NOT NULL`);
  }
}
