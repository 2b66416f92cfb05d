import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '#contracts';
import { testNatsOptions } from './infra.js';
import { eventually } from './wait.js';

/**
 * Every event stored on `stream` under `subject`, oldest first, read with a throw-away ordered
 * consumer over its own connection (for tests that only know the NATS URL).
 */
export async function readStream<T>(
  natsUrl: string,
  stream: string,
  subject: string,
): Promise<Array<EventEnvelope<T>>> {
  const nc = await connect(testNatsOptions(natsUrl));
  try {
    // nats-server 2.9 has no multi-filter consumers, so read the whole stream and filter here.
    const consumer = await jetstream(nc).consumers.get(stream);
    const events: Array<EventEnvelope<T>> = [];
    for (;;) {
      const message = await consumer.next({ expires: 1000 });
      if (!message) break;
      if (message.subject === subject) events.push(message.json<EventEnvelope<T>>());
    }
    return events;
  } finally {
    await nc.close();
  }
}

/**
 * Every event stored on `stream` under `subject`, oldest first, fetched one by one by sequence
 * number (no consumer is created, so the stream's consumer list stays as the services left it).
 */
export async function streamEvents<T>(
  jsm: JetStreamManager,
  stream: string,
  subject: string,
): Promise<Array<EventEnvelope<T>>> {
  const info = await jsm.streams.info(stream);
  const events: Array<EventEnvelope<T>> = [];
  for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message?.subject === subject) events.push(message.json<EventEnvelope<T>>());
  }
  return events;
}

export interface PublishEventOptions {
  /** The envelope id (the consumers' inbox key); a fresh UUID unless given. */
  id?: string;
  /**
   * `Nats-Msg-Id` of the publish: the envelope id unless given. Another value, or `false` (no
   * header at all), defeats JetStream's duplicate window, so the same event reaches consumers twice.
   */
  msgID?: string | false;
  /** The envelope's `occurredAt` (now unless given). */
  occurredAt?: string;
}

/**
 * Publishes one event envelope the way the platform's outbox relay does (`Nats-Msg-Id` = event
 * id), as if the service that owns `subject` had emitted it.
 */
export async function publishEvent<T>(
  js: JetStreamClient,
  subject: string,
  data: T,
  options: PublishEventOptions = {},
): Promise<EventEnvelope<T>> {
  const envelope: EventEnvelope<T> = {
    id: options.id ?? randomUUID(),
    subject,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
    data,
  };
  const msgID = options.msgID ?? envelope.id;
  await js.publish(subject, JSON.stringify(envelope), msgID === false ? {} : { msgID });
  return envelope;
}

export interface CaughtUpOptions {
  /** Only durable consumers whose name starts with this (a service's consumers are `<service>-…`). */
  prefix?: string;
  /** Only the durable consumer of this exact name (see {@link durableName}). */
  durable?: string;
  timeoutMs?: number;
}

/**
 * Waits until the durable consumers on `stream` (those named with `prefix`, or all) have
 * been handed every message and acknowledged each one: nothing is pending, in flight or
 * waiting for a redelivery. A positive fact that proves every event published so far was
 * processed, to be used before asserting that one of them had no effect.
 */
export async function consumersCaughtUp(
  jsm: JetStreamManager,
  stream: string,
  options: CaughtUpOptions = {},
): Promise<void> {
  await eventually(
    async () => {
      const consumers = (await jsm.consumers.list(stream).next()).filter(
        (c) =>
          c.config.durable_name &&
          c.name.startsWith(options.prefix ?? '') &&
          (options.durable === undefined || c.name === options.durable),
      );
      // A message nak'd for a later retry stays counted in num_ack_pending until it is acked.
      const behind = consumers.filter((c) => c.num_pending > 0 || c.num_ack_pending > 0);
      return consumers.length > 0 && behind.length === 0 ? true : undefined;
    },
    {
      timeoutMs: options.timeoutMs ?? 20_000,
      what: `consumers ${options.durable ?? `${options.prefix ?? ''}*`} of ${stream} to catch up`,
    },
  );
}

/** A JetStream client and manager on a connection of the test's own (close it with `nc.close()`). */
export async function connectJetStream(
  natsUrl: string,
): Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }> {
  const nc = await connect(testNatsOptions(natsUrl));
  return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
}

/** The durable consumer name the platform gives `service`'s consumer of `subject` (`<service>-<subject>`). */
export function durableName(service: string, subject: string): string {
  return `${service}-${subject.replace(/[.>*]/g, '_')}`;
}
