import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { ErrorPayload } from '#contracts';

/** What a stub answers: a reply, or an error payload as a service's exception filter would send it. */
export type StubAnswer<R> = { response: R } | { err: ErrorPayload };

/**
 * Stands in for a peer service that a test does not start: answers requests on `subject` in
 * Nest's NATS wire format (`{ id, response | err, isDisposed }`) from `answer`. Use it only for
 * a service outside the one under test, and say in the test which peer it replaces and why.
 * Resolves once the subscription is registered with the server.
 */
export async function stubRequests<Q, R>(
  nc: NatsConnection,
  subject: string,
  answer: (data: Q) => StubAnswer<R>,
): Promise<Subscription> {
  const subscription = nc.subscribe(subject, {
    callback: (_error, message) => {
      const { id, data } = message.json<{ id: string; data: Q }>();
      message.respond(JSON.stringify({ id, ...answer(data), isDisposed: true }));
    },
  });
  await nc.flush();
  return subscription;
}
