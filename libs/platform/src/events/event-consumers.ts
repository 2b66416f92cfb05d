import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import { type EventEnvelope, type EventMap, type EventSubject, type EventVersionOf, eventVersion } from '#contracts';
import { runWithContext } from '../context/request-context.js';
import { serviceCaller } from '../nats/caller-context.js';
import { RetryLaterError } from '../errors/domain-error.js';
import { NatsConnection } from '../nats/nats-connection.js';
import { rows } from '../database/sql.js';
import { eventConsumeSpan } from '../tracing/spans.js';
import type { Metrics } from '../metrics/metrics.js';
import type { EventOutcome } from '../metrics/outcome.js';
import { streamFor, whenJetStreamAvailable } from './streams.js';

/** Applies one event inside the transaction that also records it in the inbox. */
export type EventHandlerFn<T = unknown> = (event: EventEnvelope<T>, em: EntityManager) => Promise<void>;

export interface EventConsumersOptions {
  service: string;
  schema: string;
  ackWaitMs?: number;
  /** Deliveries of an event whose handler keeps failing (not RETRY_LATER) before it is dead-lettered. */
  maxAttempts?: number;
  /**
   * Deliveries of an event that keeps waiting (RETRY_LATER, e.g. for an order that never
   * arrives) before it is dead-lettered; at the 30 s retry ceiling 2,000 is about 16 hours.
   */
  maxWaitingAttempts?: number;
  /**
   * Copies of each durable consumer (JETSTREAM_REPLICAS). Above 1 it is set on the consumer itself
   * and an existing one with fewer is raised at start: a consumer that only inherited its stream's
   * copies when the stream was scaled up can take half a minute or more to elect a new leader when
   * its leader's server goes (nats-server 2.9), one that holds them itself about a second.
   */
  replicas?: number;
}

/** The current schema version of a subject: a literal for the subjects of contracts, any number for a map of a test's own. */
type CurrentVersion<S> = S extends EventSubject ? EventVersionOf<S> : number;

/** How a handler consumes its subject. */
export interface ConsumeOptions<Current extends number = number> {
  /**
   * The schema versions of the event this handler reads, the current one first (so raising a
   * version in contracts does not compile until each consumer says it reads it). An event of
   * another version is dead-lettered, never applied; one without `v` is version 1.
   */
  versions: readonly [Current, ...number[]];
  /** A second handler of the same subject in one service needs its own name (its own durable consumer). */
  name?: string;
}

interface Registration {
  subject: string;
  durable: string;
  versions: readonly number[];
  handler: EventHandlerFn;
}

/**
 * Durable JetStream consumers with an inbox: each event id is recorded in the service's
 * inbox table in the same transaction as the handler's effect, so a redelivered event
 * (after a crash before the ack, or a duplicate publish) changes nothing the second time.
 * The durable name is `<service>-<subject>`, so replicas of a service share one consumer.
 * Handlers are typed from the subject (`EventMap` in contracts; a test of the platform itself
 * may pass a map of its own).
 */
@Injectable()
export class EventConsumers<Events extends object = EventMap>
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('EventConsumers');
  private readonly registrations: Registration[] = [];
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  /** Durables whose message loop is running (readiness: every declared consumer attached). */
  private readonly attached = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnection,
    private readonly options: EventConsumersOptions,
    private readonly metrics?: Metrics,
  ) {}

  /**
   * Registers a handler of the versions it reads; call it from a provider's constructor or
   * onModuleInit: `consumers.on(OrdersSubjects.orderPlaced, { versions: [1] }, handler)`.
   */
  on<S extends keyof Events & string>(
    subject: S,
    options: ConsumeOptions<CurrentVersion<S>>,
    handler: EventHandlerFn<Events[S]>,
  ): void {
    const durable = `${this.options.service}-${(options.name ?? subject).replace(/[.>*]/g, '_')}`;
    this.registrations.push({ subject, durable, versions: options.versions, handler: handler as EventHandlerFn });
  }

  /** How many durable consumers this service declares, and how many are attached and consuming. */
  attachment(): { declared: number; attached: number } {
    return { declared: this.registrations.length, attached: this.attached.size };
  }

  /** Every durable consumer this service declares, with its stream (for the consumer gauges of /metrics). */
  durables(): Array<{ stream: string; durable: string }> {
    return this.registrations.map((r) => ({ stream: streamFor(r.subject), durable: r.durable }));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const registration of this.registrations) await this.start(registration);
  }

  /** Before the database and NATS close: stop taking events and let the one in hand finish. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const messages of this.running) messages.stop();
    await Promise.allSettled(this.loops);
  }

  private async start(registration: Registration): Promise<void> {
    const stream = streamFor(registration.subject);
    const raised = await ensureDurable(this.nats.jsm, stream, {
      durable: registration.durable,
      subject: registration.subject,
      ackWaitMs: this.options.ackWaitMs ?? 30_000,
      replicas: this.options.replicas ?? 1,
    });
    if (raised) this.logger.log(`consumer ${registration.durable} now keeps ${raised} copies (JETSTREAM_REPLICAS)`);
    const consumer = await this.nats.js.consumers.get(stream, registration.durable);
    const messages = await consumer.consume({ max_messages: 100 });
    this.running.push(messages);
    this.attached.add(registration.durable);
    this.loops.push(
      (async () => {
        for await (const message of messages) await this.process(registration, message);
      })()
        .catch((error: Error) => this.logger.error(`consumer ${registration.durable} stopped: ${error.message}`))
        .finally(() => this.attached.delete(registration.durable)),
    );
    this.logger.log(`consuming ${registration.subject} as ${registration.durable}`);
  }

  private async process(registration: Registration, message: JsMsg): Promise<void> {
    let event: EventEnvelope;
    try {
      event = message.json<EventEnvelope>();
    } catch {
      this.logger.error(`dropping unreadable message ${message.seq} on ${message.subject}`);
      message.term();
      this.count(registration, 'unreadable');
      return;
    }
    if (!registration.versions.includes(eventVersion(event))) {
      await this.refuseVersion(registration, event, message);
      return;
    }
    try {
      const delivery = {
        id: event.id,
        subject: event.subject,
        consumer: registration.durable,
        attempt: message.info.deliveryCount,
      };
      const applied = await eventConsumeSpan(message.headers, delivery, () =>
        runWithContext(
          {
            requestId: event.requestId ?? event.id,
            // The service's own work, under its own identity; the person behind the event is kept for audit.
            caller: serviceCaller(this.options.service, event.actor),
          },
          () => this.apply(registration, event),
        ),
      );
      message.ack();
      this.count(registration, applied ? 'applied' : 'duplicate');
      if (applied) this.logger.debug({ subject: event.subject, eventId: event.id }, 'event applied');
      else this.logger.log({ subject: event.subject, eventId: event.id }, 'duplicate event ignored');
    } catch (error) {
      const attempt = message.info.deliveryCount;
      const delay = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7));
      if (error instanceof RetryLaterError) {
        const gaveUp =
          attempt >= (this.options.maxWaitingAttempts ?? 2000) &&
          (await this.deadLetter(registration, event, error, attempt));
        if (gaveUp) {
          message.term();
          this.count(registration, 'dead_lettered');
          return;
        }
        this.logger.log({ subject: event.subject, eventId: event.id, attempt }, `retrying later: ${error.message}`);
        message.nak(delay);
        this.count(registration, 'retry_later');
        return;
      }
      this.logger.error({ subject: event.subject, eventId: event.id, attempt, err: error }, 'event handler failed');
      if (attempt < (this.options.maxAttempts ?? 10) || !(await this.deadLetter(registration, event, error, attempt))) {
        message.nak(delay);
        this.count(registration, 'failed');
        return;
      }
      message.term();
      this.count(registration, 'dead_lettered');
    }
  }

  private count(registration: Registration, outcome: EventOutcome): void {
    this.metrics?.eventsHandled.inc({ durable: registration.durable, outcome });
  }

  /**
   * An event of a schema version this consumer does not read (a producer upgraded before it)
   * is not guessed at: it goes to the dead letters at once, to be replayed once a consumer
   * that reads it runs.
   */
  private async refuseVersion(registration: Registration, event: EventEnvelope, message: JsMsg): Promise<void> {
    const error = new Error(
      `Event ${event.id} on ${event.subject} is schema version ${String(eventVersion(event))}; ` +
        `${registration.durable} reads version${registration.versions.length > 1 ? 's' : ''} ${registration.versions.join(', ')} only`,
    );
    const attempt = message.info.deliveryCount;
    if (await this.deadLetter(registration, event, error, attempt)) {
      message.term();
      this.count(registration, 'dead_lettered');
    } else {
      message.nak(Math.min(30_000, 250 * 2 ** Math.min(attempt, 7)));
      this.count(registration, 'failed');
    }
  }

  /**
   * Keeps an event that cannot be applied in the dead_letters table (for an operator to
   * fix and replay) so it no longer blocks or floods the log; false when even that fails.
   */
  private async deadLetter(
    registration: Registration,
    event: EventEnvelope,
    error: unknown,
    attempts: number,
  ): Promise<boolean> {
    try {
      await this.dataSource.query(
        `INSERT INTO "${this.options.schema}".dead_letters (consumer, event_id, subject, envelope, error, attempts) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          registration.durable,
          event.id,
          event.subject,
          JSON.stringify(event),
          error instanceof Error ? error.message : String(error),
          attempts,
        ],
      );
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        {
          service: this.options.service,
          consumer: registration.durable,
          subject: event.subject,
          eventId: event.id,
          attempts,
          error: message,
        },
        `dead letter: ${this.options.service} ${registration.durable} could not apply ${event.subject} ${event.id}: ${message}`,
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Returns false when the event was already applied. */
  private async apply(registration: Registration, event: EventEnvelope): Promise<boolean> {
    return this.dataSource.transaction((em) => this.applyIn(em, registration, event));
  }

  /**
   * Applies a dead-lettered event once more with its consumer's handler, through the inbox, in
   * the caller's transaction (the dead letter service's, which records the outcome): false when
   * the inbox says it was applied already. Throws what the handler throws, and when no handler
   * of this service is that consumer or reads the event's version.
   */
  async applyAgain(em: EntityManager, consumer: string, event: EventEnvelope): Promise<boolean> {
    const registration = this.registrations.find((r) => r.durable === consumer);
    if (!registration) throw new Error(`${this.options.service} has no consumer ${consumer}`);
    if (!registration.versions.includes(eventVersion(event)))
      throw new Error(
        `${consumer} reads version${registration.versions.length > 1 ? 's' : ''} ${registration.versions.join(', ')} only, not ${String(eventVersion(event))}`,
      );
    return runWithContext(
      { requestId: event.requestId ?? event.id, caller: serviceCaller(this.options.service, event.actor) },
      () => this.applyIn(em, registration, event),
    );
  }

  private async applyIn(em: EntityManager, registration: Registration, event: EventEnvelope): Promise<boolean> {
    const inserted = await rows<{ event_id: string }>(
      em,
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [registration.durable, event.id],
    );
    if (inserted.length === 0) return false;
    await registration.handler(event, em);
    return true;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound;
}

/**
 * Creates a service's durable consumer, or, when it exists with fewer copies than `replicas` (above
 * 1), raises it; returns the copies it was raised to. At 1 (the default) it sets no num_replicas:
 * 0 inherits the stream's copies, however they were set.
 */
export async function ensureDurable(
  jsm: JetStreamManager,
  stream: string,
  durable: { durable: string; subject: string; ackWaitMs: number; replicas: number },
): Promise<number | undefined> {
  const replicas = durable.replicas > 1 ? durable.replicas : undefined;
  const existing = await whenJetStreamAvailable(() =>
    jsm.consumers.info(stream, durable.durable).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    }),
  );
  if (!existing) {
    await whenJetStreamAvailable(() =>
      jsm.consumers.add(stream, {
        durable_name: durable.durable,
        filter_subject: durable.subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(durable.ackWaitMs),
        max_ack_pending: 1000,
        ...(replicas ? { num_replicas: replicas } : {}),
      }),
    );
    return undefined;
  }
  if (!replicas || (existing.config.num_replicas ?? 0) >= replicas) return undefined;
  await whenJetStreamAvailable(() =>
    jsm.consumers.update(stream, durable.durable, { ...existing.config, num_replicas: replicas }),
  );
  return replicas;
}
