import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GatewayInit1700000000600 implements MigrationInterface {
  name = 'GatewayInit1700000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE gateway.api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      role text NOT NULL CHECK (role IN ('admin', 'sales', 'customer', 'warehouse', 'finance')),
      customer_id uuid,
      key_prefix text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      CHECK (role <> 'customer' OR customer_id IS NOT NULL)
    )`);
    await q.query(`CREATE TABLE gateway.idempotency (
      actor_id text NOT NULL,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
      status_code integer,
      response json,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_id, key)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway.idempotency`);
    await q.query(`DROP TABLE gateway.api_keys`);
  }
}
