import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Finds the demand rows whose order has not confirmed itself yet, oldest first, for the reservation sweep. */
export class UnconfirmedReservations1700000000120 implements MigrationInterface {
  name = 'UnconfirmedReservations1700000000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX reserve_lines_unconfirmed ON inventory.reserve_lines (created_at) WHERE order_number IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inventory.reserve_lines_unconfirmed`);
  }
}
