import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTestDatabase, eventually, startTestNats, type TestDatabase, type TestNats } from '#testing';
import {
  DeadLetters,
  DomainError,
  dataSourceOptions,
  EventConsumers,
  ensureStreams,
  NatsConnection,
  OutboxRelay,
  OutboxService,
  runMigrations,
} from '../src/index.js';

const SUBJECT = 'events.orders.probe.dead-lettered';

interface ProbeEvents {
  [SUBJECT]: { amount: number };
}

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

/** Dead letters an operator acts on, against the real Postgres and nats-server: replayed once, or discarded with a reason. */
describe('dead letters', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let dataSource: DataSource;
  let connection: NatsConnection;
  let relay: OutboxRelay;
  let consumers: EventConsumers<ProbeEvents>;
  let deadLetters: DeadLetters;
  const outbox = new OutboxService<ProbeEvents>('probe', { [SUBJECT]: 1 });
  /** The cause an operator fixes: while true, the handler fails. */
  let broken = true;

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
      maxAttempts: 2,
    });
    consumers.on(SUBJECT, { versions: [1] }, async (event, em) => {
      await em.query(`INSERT INTO probe.effects (event_id, amount) VALUES ($1, $2)`, [event.id, event.data.amount]);
      if (broken) throw new Error(`amount ${event.data.amount} cannot be booked`);
    });
    await consumers.onApplicationBootstrap();
    deadLetters = new DeadLetters(dataSource, consumers, 'probe');
  });

  afterAll(async () => {
    await consumers?.beforeApplicationShutdown();
    await relay?.beforeApplicationShutdown();
    await connection?.onApplicationShutdown();
    await dataSource?.destroy();
    await nats?.stop();
    await db?.drop();
  });

  async function deadLettered(amount: number): Promise<string> {
    const eventId = await dataSource.transaction((em) => outbox.add(em, SUBJECT, { amount }));
    await relay.publishBatch(100);
    return eventually(
      async () => {
        const { items } = await deadLetters.list({});
        return items.find((item) => item.eventId === eventId)?.id;
      },
      20_000,
      `the dead letter of amount ${amount}`,
    );
  }

  const effects = () => db.query<{ amount: number }>(`SELECT amount FROM probe.effects ORDER BY id`);
  const code = (error: unknown) => (error instanceof DomainError ? error.code : String(error));

  it('lists a dead letter, replays it once after the fix and refuses a second replay', async () => {
    const id = await deadLettered(5);
    const { items } = await deadLetters.list({ limit: 10 });
    expect(items.find((item) => item.id === id)).toMatchObject({
      subject: SUBJECT,
      consumer: 'probe-events_orders_probe_dead-lettered',
      error: 'amount 5 cannot be booked',
      attempts: 2,
      status: 'OPEN',
      replayOutcome: null,
    });
    // Replayed before the fix: it fails again, nothing applied, still OPEN with the error.
    expect(await deadLetters.replay(id, 'ops-1')).toMatchObject({
      status: 'OPEN',
      replayOutcome: 'FAILED',
      replayError: 'amount 5 cannot be booked',
      replayedBy: 'ops-1',
    });
    expect(await effects()).toEqual([]);

    broken = false;
    const replayed = await deadLetters.replay(id, 'ops-2');
    expect(replayed).toMatchObject({
      status: 'REPLAYED',
      replayOutcome: 'APPLIED',
      resolvedBy: 'ops-2',
      replayError: null,
    });
    expect(replayed.resolvedAt).toEqual(expect.any(String));
    expect(await effects()).toEqual([{ amount: 5 }]);

    await expect(deadLetters.replay(id, 'ops-2').catch(code)).resolves.toBe('ILLEGAL_TRANSITION');
    expect(await effects()).toEqual([{ amount: 5 }]);
    broken = true;
  });

  it('discards a dead letter with a reason, kept, and replays it no more', async () => {
    const id = await deadLettered(7);
    const discarded = await deadLetters.discard(id, 'duplicate of a manual booking', 'ops-3');
    expect(discarded).toMatchObject({
      status: 'DISCARDED',
      discardReason: 'duplicate of a manual booking',
      resolvedBy: 'ops-3',
    });
    await expect(deadLetters.replay(id, 'ops-3').catch(code)).resolves.toBe('ILLEGAL_TRANSITION');
    await expect(deadLetters.discard(id, 'again', 'ops-3').catch(code)).resolves.toBe('ILLEGAL_TRANSITION');
    const { items } = await deadLetters.list({});
    expect(items.find((item) => item.id === id)).toMatchObject({ status: 'DISCARDED' });
  });

  it('pages the list and names a bad or unknown id', async () => {
    const first = await deadLetters.list({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.next).toBe(first.items[0].id);
    const second = await deadLetters.list({ limit: 1, after: first.next });
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.next).toBeUndefined();
    await expect(deadLetters.replay('x1', 'ops').catch(code)).resolves.toBe('VALIDATION_FAILED');
    await expect(deadLetters.discard('999999', 'gone', 'ops').catch(code)).resolves.toBe('NOT_FOUND');
  });
});
