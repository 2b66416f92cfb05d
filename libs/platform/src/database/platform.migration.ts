import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The schema itself and the outbox, inbox and dead-letter tables every service has. Each app lists
 * the class this returns first among its migrations.
 */
export function platformMigration(schema: string): new () => MigrationInterface {
  return class PlatformOutboxInbox1700000000000 implements MigrationInterface {
    name = 'PlatformOutboxInbox1700000000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await q.query(`CREATE TABLE "${schema}".outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        request_id text,
        actor text,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
      await q.query(`CREATE INDEX outbox_unpublished ON "${schema}".outbox (seq) WHERE published_at IS NULL`);
      await q.query(`CREATE TABLE "${schema}".inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
      await q.query(`CREATE TABLE "${schema}".dead_letters (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        event_id uuid,
        subject text NOT NULL,
        envelope jsonb,
        error text NOT NULL,
        attempts integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}".dead_letters`);
      await q.query(`DROP TABLE "${schema}".inbox`);
      await q.query(`DROP TABLE "${schema}".outbox`);
    }
  };
}

/**
 * The schema version of each outbox event (`v` in its envelope), written with the event so a
 * row still unpublished across an upgrade keeps the version it was written as. Rows from
 * before versions are version 1.
 */
export function eventVersionsMigration(schema: string): new () => MigrationInterface {
  return class PlatformEventVersions1700000000010 implements MigrationInterface {
    name = 'PlatformEventVersions1700000000010';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "${schema}".outbox ADD COLUMN v smallint NOT NULL DEFAULT 1`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "${schema}".outbox DROP COLUMN v`);
    }
  };
}

/**
 * What an operator did with a dead letter: its status (OPEN, REPLAYED, DISCARDED: the dead
 * letter status table in events/dead-letters.ts), who resolved it and when, the outcome of
 * the last replay (and its error when it failed again) and the reason of a discard. Rows are
 * never deleted.
 */
export function deadLetterResolutionMigration(schema: string): new () => MigrationInterface {
  return class PlatformDeadLetterResolution1700000000020 implements MigrationInterface {
    name = 'PlatformDeadLetterResolution1700000000020';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "${schema}".dead_letters
        ADD COLUMN status text NOT NULL DEFAULT 'OPEN',
        ADD COLUMN resolved_by text,
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN discard_reason text,
        ADD COLUMN replayed_by text,
        ADD COLUMN replayed_at timestamptz,
        ADD COLUMN replay_outcome text,
        ADD COLUMN replay_error text`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "${schema}".dead_letters
        DROP COLUMN status, DROP COLUMN resolved_by, DROP COLUMN resolved_at, DROP COLUMN discard_reason,
        DROP COLUMN replayed_by, DROP COLUMN replayed_at, DROP COLUMN replay_outcome, DROP COLUMN replay_error`);
    }
  };
}

/**
 * The W3C trace context (`traceparent`, `tracestate`) of the request that wrote each outbox row,
 * so the relay publishes the event as part of that request's trace (tracing/spans.ts); empty
 * when tracing is off or the row was written outside any trace.
 */
export function outboxTraceContextMigration(schema: string): new () => MigrationInterface {
  return class PlatformOutboxTraceContext1700000000030 implements MigrationInterface {
    name = 'PlatformOutboxTraceContext1700000000030';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "${schema}".outbox ADD COLUMN traceparent text, ADD COLUMN tracestate text`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "${schema}".outbox DROP COLUMN traceparent, DROP COLUMN tracestate`);
    }
  };
}

/** The platform's own migrations, which each app's data source runs before its own. */
export function platformMigrations(schema: string): Array<new () => MigrationInterface> {
  return [
    platformMigration(schema),
    eventVersionsMigration(schema),
    deadLetterResolutionMigration(schema),
    outboxTraceContextMigration(schema),
  ];
}
