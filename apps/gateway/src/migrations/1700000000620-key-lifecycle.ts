import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys that expire and rotate (a new secret while the old one keeps working until a set
 * time), and the counters behind the gateway's rate limits. The counters are UNLOGGED: losing
 * them in a crash only resets the windows in flight.
 */
export class KeyLifecycle1700000000620 implements MigrationInterface {
  name = 'KeyLifecycle1700000000620';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.api_keys
      ADD COLUMN expires_at timestamptz,
      ADD COLUMN previous_key_hash text UNIQUE,
      ADD COLUMN previous_valid_until timestamptz,
      ADD COLUMN rotated_at timestamptz`);
    await q.query(`CREATE UNLOGGED TABLE gateway.rate_counters (
      key text NOT NULL,
      window_start bigint NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (key, window_start)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway.rate_counters`);
    await q.query(`ALTER TABLE gateway.api_keys DROP COLUMN rotated_at, DROP COLUMN previous_valid_until,
      DROP COLUMN previous_key_hash, DROP COLUMN expires_at`);
  }
}
