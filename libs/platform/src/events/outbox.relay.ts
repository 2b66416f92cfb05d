import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/transport-node';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ContextHeaders, type EventEnvelope } from '#contracts';
import { NatsConnection } from '../nats/nats-connection.js';
import { rows } from '../database/sql.js';
import { eventPublishSpan, injectTraceHeaders } from '../tracing/spans.js';
import type { Metrics } from '../metrics/metrics.js';
import { outboxChannel } from './outbox.service.js';

interface OutboxRow {
  id: string;
  subject: string;
  v: number;
  payload: unknown;
  request_id: string | null;
  actor: string | null;
  created_at: Date;
  traceparent: string | null;
  tracestate: string | null;
}

export interface OutboxRelayOptions {
  schema: string;
  databaseUrl: string;
  batchSize?: number;
  pollMs?: number;
}

/**
 * Publishes committed outbox rows to JetStream in order, with Nats-Msg-Id = event id, and
 * marks them published. Rows are claimed with FOR UPDATE SKIP LOCKED so replicas share
 * the work; a crash between publish and mark re-publishes, which JetStream drops as a
 * duplicate (and consumers' inboxes would drop in any case).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnection,
    private readonly options: OutboxRelayOptions,
    private readonly metrics?: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.kick();
  }

  /**
   * LISTENs for new outbox rows on a connection of its own. When that connection is lost (a
   * database restart), it is opened again, so events keep leaving at once rather than only at
   * the next poll; the poll covers the gap.
   */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const listener = new pg.Client({
      connectionString: this.options.databaseUrl,
      // Named like its service's pool (data-source.ts), so pg_stat_activity tells whose it is.
      application_name: `${this.options.schema}-outbox-listen`,
    });
    this.listener = listener;
    let lost = false;
    const relisten = (why: string) => {
      if (lost || this.stopped) return;
      lost = true;
      this.logger.warn(`listen connection lost (${why}); listening again in 1 s`);
      listener.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch((error: Error) => relisten(error.message)), 1000).unref();
    };
    listener.on('error', (error: Error) => relisten(error.message));
    listener.on('end', () => relisten('connection ended'));
    listener.on('notification', () => this.kick());
    try {
      await listener.connect();
      await listener.query(`LISTEN ${outboxChannel(this.options.schema)}`);
    } catch (error) {
      if (this.listener === listener && !this.stopped) {
        // At start-up the database must be there (the service fails fast); later, keep trying.
        if (!this.timer) throw error;
        relisten((error as Error).message);
      }
    }
    this.kick();
  }

  /** Before the database and NATS close: finish the batch in flight, then stop. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes whatever is pending now; resolves when the outbox is empty. */
  async flush(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.warn(`publishing failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    while (!this.stopped && (await this.publishBatch(batchSize)) === batchSize) {
      // keep going while full batches come back
    }
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(batchSize: number): Promise<number> {
    const schema = this.options.schema;
    const published = await this.dataSource.transaction(async (em) => {
      const claimed = await rows<OutboxRow>(
        em,
        `SELECT id, subject, v, payload, request_id, actor, created_at, traceparent, tracestate FROM "${schema}".outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      for (const row of claimed) await this.publish(row);
      if (claimed.length > 0) {
        await em.query(`UPDATE "${schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [
          claimed.map((r) => r.id),
        ]);
      }
      return claimed.map((r) => r.subject);
    });
    // Counted once the rows are marked published (committed), not for a publish that is rolled back and retried.
    for (const subject of published) this.metrics?.eventsPublished.inc({ subject });
    return published.length;
  }

  private async publish(row: OutboxRow): Promise<void> {
    const envelope: EventEnvelope = {
      id: row.id,
      subject: row.subject,
      v: row.v,
      occurredAt: new Date(row.created_at).toISOString(),
      requestId: row.request_id ?? undefined,
      actor: row.actor ?? undefined,
      data: row.payload,
    };
    const h = natsHeaders();
    if (row.request_id) h.set(ContextHeaders.requestId, row.request_id);
    await eventPublishSpan(row, async () => {
      injectTraceHeaders(h);
      await this.nats.js.publish(row.subject, JSON.stringify(envelope), { msgID: row.id, headers: h });
    });
  }
}
