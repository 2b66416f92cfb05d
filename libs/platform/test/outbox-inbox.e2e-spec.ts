import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { EventEnvelope } from '#contracts';
import { createTestDatabase, eventually, startTestNats, type TestDatabase, type TestNats } from '#testing';
import {
  dataSourceOptions,
  EventConsumers,
  ensureStreams,
  NatsConnection,
  OutboxRelay,
  OutboxService,
  RetryLaterError,
  runMigrations,
} from '../src/index.js';

const SUBJECT = 'events.orders.probe.happened';
const ORPHANED = 'events.orders.probe.orphaned';
const VERSIONED = 'events.orders.probe.versioned';

/** The probe's own events (the platform is typed by a map; the apps use EventMap from contracts). */
interface ProbeEvents {
  [SUBJECT]: { amount: number };
  [ORPHANED]: { amount: number };
  [VERSIONED]: { amount: number };
}
/** Their current schema versions: VERSIONED is written at version 2. */
const PROBE_VERSIONS = { [SUBJECT]: 1, [ORPHANED]: 1, [VERSIONED]: 2 };

class ProbeEffects1700000000001 implements MigrationInterface {
  name = 'ProbeEffects1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE probe.effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL, amount integer NOT NULL)`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE probe.effects`);
  }
}

/** The outbox relay and the inbox against the real Postgres and nats-server: each event takes effect exactly once. */
describe('outbox relay and inbox', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let dataSource: DataSource;
  let connection: NatsConnection;
  let relay: OutboxRelay;
  let consumers: EventConsumers<ProbeEvents>;
  const outbox = new OutboxService<ProbeEvents>('probe', PROBE_VERSIONS);

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase(), startTestNats()]);
    dataSource = new DataSource(
      dataSourceOptions({ url: db.url, schema: 'probe', migrations: [ProbeEffects1700000000001] }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource, 'probe');
    connection = new NatsConnection(nats.url, 'probe', undefined, nats.env('test'));
    await connection.open();
    await ensureStreams(connection.jsm);
    relay = new OutboxRelay(dataSource, connection, { schema: 'probe', databaseUrl: db.url, pollMs: 60_000 });
    consumers = new EventConsumers<ProbeEvents>(dataSource, connection, {
      service: 'probe',
      schema: 'probe',
      ackWaitMs: 2000,
    });
    consumers.on(SUBJECT, { versions: [1] }, async (event, em) => {
      await em.query(`INSERT INTO probe.effects (event_id, amount) VALUES ($1, $2)`, [event.id, event.data.amount]);
    });
  });

  afterAll(async () => {
    await consumers?.beforeApplicationShutdown();
    await relay?.beforeApplicationShutdown();
    await connection?.onApplicationShutdown();
    await dataSource?.destroy();
    await nats?.stop();
    await db?.drop();
  });

  async function storedMessages(): Promise<Array<{ seq: number; envelope: EventEnvelope<{ amount: number }> }>> {
    const stream = await jetstream(connection.nc).streams.get('ORDERS_EVENTS');
    const info = await stream.info();
    const found = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await stream.getMessage({ seq });
      if (message && message.subject === SUBJECT)
        found.push({ seq, envelope: message.json<EventEnvelope<{ amount: number }>>() });
    }
    return found;
  }

  it('stores an event once on JetStream even when the relay publishes it twice', async () => {
    const id = await dataSource.transaction((em) => outbox.add(em, SUBJECT, { amount: 7 }));
    expect(await relay.publishBatch(100)).toBe(1);
    // The relay crashed after publishing but before marking the row: it publishes again.
    await dataSource.query(`UPDATE probe.outbox SET published_at = NULL WHERE id = $1`, [id]);
    expect(await relay.publishBatch(100)).toBe(1);
    const stored = await storedMessages();
    expect(stored.map((m) => m.envelope.id)).toEqual([id]);
    expect(stored[0].envelope).toMatchObject({ subject: SUBJECT, v: 1, data: { amount: 7 } });
  });

  it('writes no event when the transaction that caused it rolls back', async () => {
    await expect(
      dataSource.transaction(async (em) => {
        await outbox.add(em, SUBJECT, { amount: 99 });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await relay.publishBatch(100)).toBe(0);
  });

  it('applies a redelivered event once', async () => {
    const [first] = await storedMessages();
    // The same event delivered a second time (as after a consumer crash before its ack).
    await connection.js.publish(SUBJECT, JSON.stringify(first.envelope), { msgID: `${first.envelope.id}-redelivery` });
    await consumers.onApplicationBootstrap();
    await eventually(async () => {
      const [{ count }] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM probe.inbox`);
      return count === 1 ? count : undefined;
    });
    // Give the second copy time to arrive and be dropped.
    await eventually(async () => {
      const info = await connection.jsm.consumers.info('ORDERS_EVENTS', `probe-${SUBJECT.replace(/\./g, '_')}`);
      return info.num_pending === 0 && info.num_ack_pending === 0 ? info : undefined;
    });
    const effects = await db.query<{ event_id: string; amount: number }>(`SELECT event_id, amount FROM probe.effects`);
    expect(effects).toEqual([{ event_id: first.envelope.id, amount: 7 }]);
  });

  it('dead-letters an event that keeps waiting for something that never comes', async () => {
    const waiting = new EventConsumers<ProbeEvents>(dataSource, connection, {
      service: 'probe',
      schema: 'probe',
      ackWaitMs: 2000,
      maxWaitingAttempts: 3,
    });
    waiting.on(ORPHANED, { versions: [1] }, async () => {
      throw new RetryLaterError('the order this belongs to is not known');
    });
    await waiting.onApplicationBootstrap();
    try {
      const id = await dataSource.transaction((em) => outbox.add(em, ORPHANED, { amount: 1 }));
      await relay.publishBatch(100);
      const [letter] = await eventually(
        async () => {
          const found = await db.query<{ event_id: string; attempts: number; error: string }>(
            `SELECT event_id, attempts, error FROM probe.dead_letters`,
          );
          return found.length > 0 ? found : undefined;
        },
        20_000,
        'the dead letter',
      );
      expect(letter).toMatchObject({ event_id: id, attempts: 3, error: 'the order this belongs to is not known' });
    } finally {
      await waiting.beforeApplicationShutdown();
    }
  });

  it('reads an event without a version as version 1 and dead-letters a version it does not read', async () => {
    const v1Only = new EventConsumers<ProbeEvents>(dataSource, connection, {
      service: 'probe',
      schema: 'probe',
      ackWaitMs: 2000,
    });
    v1Only.on(VERSIONED, { versions: [1] }, async (event, em) => {
      await em.query(`INSERT INTO probe.effects (event_id, amount) VALUES ($1, $2)`, [event.id, event.data.amount]);
    });
    await v1Only.onApplicationBootstrap();
    try {
      // An event from before versions: its envelope has no `v`.
      const old: EventEnvelope<{ amount: number }> = {
        id: randomUUID(),
        subject: VERSIONED,
        occurredAt: new Date().toISOString(),
        data: { amount: 10 },
      };
      await connection.js.publish(VERSIONED, JSON.stringify(old), { msgID: old.id });
      // Written now, at the subject's current version 2, which this consumer does not read.
      const newer = await dataSource.transaction((em) => outbox.add(em, VERSIONED, { amount: 20 }));
      await relay.publishBatch(100);
      const [letter] = await eventually(
        async () => {
          const found = await db.query<{ consumer: string; error: string; envelope: EventEnvelope }>(
            `SELECT consumer, error, envelope FROM probe.dead_letters WHERE event_id = $1`,
            [newer],
          );
          return found.length > 0 ? found : undefined;
        },
        20_000,
        'the dead letter of the version 2 event',
      );
      expect(letter).toMatchObject({
        consumer: 'probe-events_orders_probe_versioned',
        envelope: { v: 2, data: { amount: 20 } },
      });
      expect(letter.error).toContain('is schema version 2');
      expect(letter.error).toContain('reads version 1');
      // The old event (published first, so handled before the newer one) took effect; the newer did not.
      const effects = await db.query<{ event_id: string; amount: number }>(
        `SELECT event_id, amount FROM probe.effects WHERE event_id = ANY($1::uuid[])`,
        [[old.id, newer]],
      );
      expect(effects).toEqual([{ event_id: old.id, amount: 10 }]);
    } finally {
      await v1Only.beforeApplicationShutdown();
    }
  });
});
