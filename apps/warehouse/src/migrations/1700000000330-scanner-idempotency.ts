import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records of scanner commands (pick, pack, ship), per API key and
 * `Idempotency-Key`: the answer of the first attempt, replayed to every retry. An in-progress
 * record holds its key only until `lease_until`, so a warehouse that died mid-command never
 * leaves a key stuck.
 */
export class ScannerIdempotency1700000000330 implements MigrationInterface {
  name = 'ScannerIdempotency1700000000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE warehouse.scanner_idempotency (
      actor_id text NOT NULL,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
      status_code integer,
      response json,
      lease_until timestamptz,
      attempts integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_id, key),
      CHECK ((state = 'IN_PROGRESS') = (lease_until IS NOT NULL))
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE warehouse.scanner_idempotency`);
  }
}
