import type { NatsConnection, ServiceClient } from '#platform';
import { readInvoicePostedEvents } from './invoice-posted-events.js';
import type { FactSources } from './system-facts.js';

/** The facts as the running system has them: each service over NATS request-reply, the events from JetStream. */
export function natsFactSources(services: ServiceClient, nats: NatsConnection, asService = false): FactSources {
  return {
    page: (subject, request) => services.request(subject, request, { asService }),
    invoicePostedEvents: () => readInvoicePostedEvents(nats.js, nats.jsm),
  };
}
