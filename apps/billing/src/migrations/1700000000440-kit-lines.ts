import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Billing's order copy knows kits: component lines ship (at no price) and complete kits are invoiced at the kit's price. */
export class KitLines1700000000440 implements MigrationInterface {
  name = 'KitLines1700000000440';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE billing.order_lines ADD COLUMN kind text NOT NULL DEFAULT 'ITEM', ADD COLUMN parent_line_id uuid`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing.order_lines DROP COLUMN kind, DROP COLUMN parent_line_id`);
  }
}
