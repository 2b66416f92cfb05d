import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { BillingSubjects, type EventEnvelope, type InvoicePostedEvent } from '#contracts';
import { streamFor } from '#platform';

/** Messages asked of the stream at once. */
const BATCH = 1000;

/**
 * The envelope ids of every `invoice posted` event on the billing stream, by invoice id, read
 * from the first message to the last one stored when the read began, with a throw-away ordered
 * consumer (nothing durable is created). The whole stream is read and filtered here: the
 * nats-server this runs on may not filter an ordered consumer by subject.
 */
export async function readInvoicePostedEvents(
  js: JetStreamClient,
  jsm: JetStreamManager,
): Promise<Map<string, string[]>> {
  const stream = streamFor(BillingSubjects.invoicePosted);
  const byInvoice = new Map<string, string[]>();
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return byInvoice;
  const consumer = await js.consumers.get(stream);
  try {
    let seen = 0;
    while (seen < state.last_seq) {
      const batch = await consumer.fetch({ max_messages: BATCH, expires: 5000 });
      let got = 0;
      for await (const message of batch) {
        got += 1;
        seen = message.seq;
        if (message.subject === BillingSubjects.invoicePosted) {
          const envelope = message.json<EventEnvelope<InvoicePostedEvent>>();
          const ids = byInvoice.get(envelope.data.invoiceId) ?? [];
          ids.push(envelope.id);
          byInvoice.set(envelope.data.invoiceId, ids);
        }
        // The batch waits for more messages than may exist: stop at the last one there was.
        if (seen >= state.last_seq) break;
      }
      if (got === 0) throw new Error(`the ${stream} stream stopped answering at message ${seen} of ${state.last_seq}`);
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return byInvoice;
}
