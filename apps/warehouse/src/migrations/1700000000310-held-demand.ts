import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A held order line stays in pick demand but is not ticketed until it is made active again. */
export class HeldDemand1700000000310 implements MigrationInterface {
  name = 'HeldDemand1700000000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE warehouse.pick_demand ADD COLUMN held boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE warehouse.pick_demand DROP COLUMN held`);
  }
}
