import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { EventEnvelope } from '#contracts';

/** Every event stored on a stream under a subject, read with an ordered consumer. */
export async function readStream<T>(
  natsUrl: string,
  stream: string,
  subject: string,
): Promise<Array<EventEnvelope<T>>> {
  const nc = await connect({ servers: natsUrl });
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
