import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  type StreamConfig,
  type StreamInfo,
  StorageType,
} from '@nats-io/jetstream';
import { nanos, NoRespondersError, TimeoutError } from '@nats-io/transport-node';
import { EventStreams } from '#contracts';

/** How long JetStream remembers a Nats-Msg-Id to drop a re-published duplicate. */
export const DUPLICATE_WINDOW_MS = 30 * 60 * 1000;

/**
 * How every event stream is kept: its copies in a JetStream cluster and how much history it holds
 * before the oldest events are discarded (0: no limit). Its consumers inherit the replica count.
 */
export interface StreamSettings {
  replicas: number;
  maxAgeMs: number;
  maxBytes: number;
  maxMsgs: number;
}

/** One copy, every event kept: what a single nats-server runs with. */
export const DEFAULT_STREAM_SETTINGS: StreamSettings = { replicas: 1, maxAgeMs: 0, maxBytes: 0, maxMsgs: 0 };

/** The settings the `JETSTREAM_REPLICAS` and `STREAM_MAX_*` variables ask for. */
export function streamSettingsOf(config: {
  JETSTREAM_REPLICAS: number;
  STREAM_MAX_AGE_DAYS: number;
  STREAM_MAX_BYTES: number;
  STREAM_MAX_MSGS: number;
}): StreamSettings {
  return {
    replicas: config.JETSTREAM_REPLICAS,
    maxAgeMs: config.STREAM_MAX_AGE_DAYS * 24 * 60 * 60 * 1000,
    maxBytes: config.STREAM_MAX_BYTES,
    maxMsgs: config.STREAM_MAX_MSGS,
  };
}

/** The stream a service publishes its events on, if it has one. */
export function ownStreamOf(service: string): string | undefined {
  return (EventStreams as Record<string, { name: string } | undefined>)[service]?.name;
}

export interface EnsureStreamsOptions {
  settings?: StreamSettings;
  /**
   * The streams this caller may change when their settings differ from `settings` (a service: its
   * own). A consumer leaves its producer's stream as it finds it: in a rolling change of the
   * settings the two may disagree for a while, and the owner's word should win, not the last to start.
   */
  update?: readonly string[];
  /** How long to keep trying while JetStream has no leader (a cluster starting, or electing after a loss). */
  waitMs?: number;
}

/** What `ensureStreams` did with one stream. */
export interface EnsuredStream {
  stream: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'differs';
  /** The settings that differed, `field: was → now` (for `updated` and `differs`). */
  changes: string[];
}

/** The fields of a stream's configuration that its settings decide (and an update may change). */
type Settled = Pick<
  StreamConfig,
  'num_replicas' | 'max_age' | 'max_bytes' | 'max_msgs' | 'discard' | 'duplicate_window'
>;

function settled(settings: StreamSettings): Settled {
  return {
    num_replicas: settings.replicas,
    max_age: nanos(settings.maxAgeMs),
    // JetStream says "no limit" with -1 for these two, 0 for the age.
    max_bytes: settings.maxBytes > 0 ? settings.maxBytes : -1,
    max_msgs: settings.maxMsgs > 0 ? settings.maxMsgs : -1,
    // At a limit the oldest events go, never a new one: a producer's outbox must always be able to publish.
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  };
}

function differences(config: StreamConfig, wanted: Settled): string[] {
  return (Object.keys(wanted) as Array<keyof Settled>)
    .filter((key) => config[key] !== wanted[key])
    .map((key) => `${key}: ${String(config[key])} → ${String(wanted[key])}`);
}

/**
 * Creates the event streams (by name; all of them unless given) that do not exist yet, with the
 * given replica count and limits, and brings those in `update` to these settings when they differ,
 * so raising JETSTREAM_REPLICAS on a running system moves its streams (and their consumers) to more
 * servers at the next start. Every service calls it at start-up for its own stream and those it
 * consumes (its NATS rights allow no other), so a consumer never waits for its producer to have
 * started once.
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  names?: readonly string[],
  options: EnsureStreamsOptions = {},
): Promise<EnsuredStream[]> {
  const settings = options.settings ?? DEFAULT_STREAM_SETTINGS;
  const wanted = settled(settings);
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  const outcomes: EnsuredStream[] = [];
  for (const stream of Object.values(EventStreams).filter((s) => !names || names.includes(s.name))) {
    const existing = await whenJetStreamAvailable(() => streamInfo(jsm, stream.name), deadline);
    if (existing) {
      const changes = differences(existing.config, wanted);
      if (changes.length === 0) outcomes.push({ stream: stream.name, outcome: 'unchanged', changes });
      else if (!options.update?.includes(stream.name))
        outcomes.push({ stream: stream.name, outcome: 'differs', changes });
      else {
        // A single server takes the update and says 3 replicas while it keeps one copy: refuse it as a cluster would.
        if (settings.replicas > 1 && !existing.cluster?.name)
          throw placementError(stream.name, settings, new Error('the server is not part of a cluster'));
        await whenJetStreamAvailable(() => jsm.streams.update(stream.name, wanted), deadline).catch(
          (error: unknown) => {
            throw placementError(stream.name, settings, error);
          },
        );
        outcomes.push({ stream: stream.name, outcome: 'updated', changes });
      }
      continue;
    }
    try {
      await whenJetStreamAvailable(
        () =>
          jsm.streams.add({
            name: stream.name,
            subjects: [...stream.subjects],
            storage: StorageType.File,
            retention: RetentionPolicy.Limits,
            ...wanted,
          }),
        deadline,
      );
      outcomes.push({ stream: stream.name, outcome: 'created', changes: [] });
    } catch (error) {
      // Another service may have created it in the meantime.
      if (!(await streamInfo(jsm, stream.name).catch(() => undefined)))
        throw placementError(stream.name, settings, error);
      outcomes.push({ stream: stream.name, outcome: 'unchanged', changes: [] });
    }
  }
  return outcomes;
}

/** A log line for what `ensureStreams` did with a stream. */
export function describeEnsured({ stream, outcome, changes }: EnsuredStream): string {
  switch (outcome) {
    case 'created':
    case 'unchanged':
      return `stream ${stream} ${outcome}`;
    case 'updated':
      return `stream ${stream} updated: ${changes.join(', ')}`;
    case 'differs':
      return `stream ${stream} differs from this service's settings, left to its owner: ${changes.join(', ')}`;
  }
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw error;
  }
}

/**
 * Retries `call` while JetStream cannot answer for now: no meta leader yet (a cluster that has just
 * started, or is electing one after losing a server: the request times out or is answered 503).
 */
export async function whenJetStreamAvailable<T>(call: () => Promise<T>, deadline = Date.now() + 60_000): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const passing =
        error instanceof TimeoutError ||
        error instanceof NoRespondersError ||
        (error instanceof Error && (error.cause instanceof TimeoutError || error.cause instanceof NoRespondersError)) ||
        (error instanceof JetStreamApiError && error.status === 503);
      if (!passing || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** A refused placement (more replicas than servers) says which variable to change. */
function placementError(stream: string, settings: StreamSettings, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (settings.replicas <= 1) return error instanceof Error ? error : new Error(message);
  return new Error(
    `stream ${stream} cannot have ${settings.replicas} replicas (JETSTREAM_REPLICAS): ${message}; ` +
      'it needs a JetStream cluster of at least that many servers (a single nats-server takes 1)',
    { cause: error },
  );
}

/** The stream that holds a subject, from its service segment (`events.<service>.…`). */
export function streamFor(subject: string): string {
  const service = subject.split('.')[1] as keyof typeof EventStreams;
  const stream = EventStreams[service];
  if (!stream) throw new Error(`No event stream holds subject ${subject}`);
  return stream.name;
}
