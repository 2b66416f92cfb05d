import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An in-progress idempotency record holds its key only until `lease_until`: a gateway that
 * died, or a database that failed before the outcome was recorded, can no longer leave a key
 * stuck at IN_PROGRESS for good.
 */
export class IdempotencyLease1700000000610 implements MigrationInterface {
  name = 'IdempotencyLease1700000000610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.idempotency ADD COLUMN lease_until timestamptz`);
    await q.query(`UPDATE gateway.idempotency SET lease_until = created_at WHERE state = 'IN_PROGRESS'`);
    await q.query(`ALTER TABLE gateway.idempotency ADD COLUMN attempts integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.idempotency DROP COLUMN attempts`);
    await q.query(`ALTER TABLE gateway.idempotency DROP COLUMN lease_until`);
  }
}
