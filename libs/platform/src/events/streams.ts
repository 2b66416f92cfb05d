import { type JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { EventStreams } from '#contracts';

/** How long JetStream remembers a Nats-Msg-Id to drop a re-published duplicate. */
export const DUPLICATE_WINDOW_MS = 30 * 60 * 1000;

/**
 * Creates the event streams (by name; all of them unless given) that do not exist yet. Every
 * service calls it at start-up for its own stream and those it consumes (its NATS rights allow no
 * other), so a consumer never waits for its producer to have started once.
 */
export async function ensureStreams(jsm: JetStreamManager, names?: readonly string[]): Promise<void> {
  for (const stream of Object.values(EventStreams).filter((s) => !names || names.includes(s.name))) {
    try {
      await jsm.streams.info(stream.name);
      continue;
    } catch {
      // not found: create it below
    }
    try {
      await jsm.streams.add({
        name: stream.name,
        subjects: [...stream.subjects],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      });
    } catch (error) {
      // Another service may have created it in the meantime.
      await jsm.streams.info(stream.name).catch(() => {
        throw error;
      });
    }
  }
}

/** The stream that holds a subject, from its service segment (`events.<service>.…`). */
export function streamFor(subject: string): string {
  const service = subject.split('.')[1] as keyof typeof EventStreams;
  const stream = EventStreams[service];
  if (!stream) throw new Error(`No event stream holds subject ${subject}`);
  return stream.name;
}
