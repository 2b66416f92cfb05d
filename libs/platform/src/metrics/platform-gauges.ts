import type { DataSource } from 'typeorm';
import { rows } from '../database/sql.js';
import type { EventConsumers } from '../events/event-consumers.js';
import type { NatsConnection } from '../nats/nats-connection.js';
import type { Metrics } from './metrics.js';
import { type GaugeSample, singleFlight, withTimeout } from './scrape-gauge.js';

export interface PlatformGaugeSources {
  /** The service's schema: its outbox and dead_letters tables. */
  schema: string;
  dataSource: DataSource;
  nats: NatsConnection;
  consumers: EventConsumers<object>;
  timeoutMs: number;
}

/** What pg's Pool counts (TypeORM keeps the pool of its Postgres driver as `master`). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

interface ConsumerCounts {
  stream: string;
  durable: string;
  pending: number;
  ackPending: number;
  redelivered: number;
}

/**
 * The gauges every service has, read at scrape time: its durable consumers' positions on the
 * NATS server, its outbox backlog, its open dead letters and its database pool. Each family
 * that shares a read (three consumer families, two outbox ones) shares one query per scrape.
 */
export function registerPlatformGauges(metrics: Metrics, sources: PlatformGaugeSources): void {
  const { schema, dataSource, nats, consumers, timeoutMs } = sources;

  // First, so the pool is read before this scrape's own queries below take connections from it.
  metrics.scrapeGauge(
    'o2c_db_pool_connections',
    'Connections of the database pool: total open, idle, and requests waiting for one',
    () => {
      const pool = (dataSource.driver as { master?: PgPoolCounts }).master;
      if (!pool) return Promise.resolve([]);
      return Promise.resolve([
        { labels: { state: 'total' }, value: pool.totalCount },
        { labels: { state: 'idle' }, value: pool.idleCount },
        { labels: { state: 'waiting' }, value: pool.waitingCount },
      ]);
    },
  );

  const consumerCounts = singleFlight(async () => {
    const settled = await Promise.allSettled(
      consumers.durables().map(async ({ stream, durable }): Promise<ConsumerCounts> => {
        const info = await withTimeout(nats.jsm.consumers.info(stream, durable), timeoutMs, `consumer ${durable}`);
        return {
          stream,
          durable,
          pending: info.num_pending,
          ackPending: info.num_ack_pending,
          redelivered: info.num_redelivered,
        };
      }),
    );
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  });
  const perConsumer = (pick: (c: ConsumerCounts) => number) => async (): Promise<GaugeSample[]> =>
    (await consumerCounts()).map((c) => ({ labels: { stream: c.stream, durable: c.durable }, value: pick(c) }));
  metrics.scrapeGauge(
    'o2c_consumer_pending_messages',
    'Events on the stream not yet delivered to this durable consumer (its lag)',
    perConsumer((c) => c.pending),
  );
  metrics.scrapeGauge(
    'o2c_consumer_ack_pending_messages',
    'Events delivered to this durable consumer and not yet acknowledged (being handled, or waiting to be redelivered)',
    perConsumer((c) => c.ackPending),
  );
  metrics.scrapeGauge(
    'o2c_consumer_redelivered_messages',
    'Events of this durable consumer delivered more than once and not yet acknowledged',
    perConsumer((c) => c.redelivered),
  );

  const outbox = singleFlight(async () => {
    const [row] = await rows<{ unpublished: number; oldest_age: number }>(
      dataSource,
      `SELECT count(*)::int AS unpublished,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_age
         FROM "${schema}".outbox WHERE published_at IS NULL`,
    );
    return row;
  });
  metrics.scrapeGauge('o2c_outbox_unpublished', 'Outbox events committed and not yet published', async () => [
    { value: (await outbox()).unpublished },
  ]);
  metrics.scrapeGauge(
    'o2c_outbox_oldest_unpublished_age_seconds',
    'Age of the oldest outbox event not yet published (0 when none waits)',
    async () => [{ value: (await outbox()).oldest_age }],
  );

  metrics.scrapeGauge('o2c_dead_letters', 'Dead letters still OPEN: neither replayed nor discarded', async () => {
    const [row] = await rows<{ open: number }>(
      dataSource,
      `SELECT count(*)::int AS open FROM "${schema}".dead_letters WHERE status = 'OPEN'`,
    );
    return [{ value: row.open }];
  });
}
