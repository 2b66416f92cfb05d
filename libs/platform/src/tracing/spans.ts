import {
  type Attributes,
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { platformTracer } from './tracing.js';

// Messaging attribute names of the OpenTelemetry semantic conventions (still incubating there, so
// copied rather than imported, as that package advises).
const MESSAGING_SYSTEM = 'messaging.system';
const MESSAGING_DESTINATION = 'messaging.destination.name';
const MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
const MESSAGING_MESSAGE_ID = 'messaging.message.id';
const MESSAGING_CONSUMER_GROUP = 'messaging.consumer.group.name';
const MESSAGING_DELIVERY_COUNT = 'messaging.nats.delivery_count';

/** NATS headers as the propagator reads and writes them (`MsgHdrs`, or what Nest hands a handler). */
export interface HeaderCarrier {
  get(key: string): string;
  set?(key: string, value: string): void;
}

const headerGetter: TextMapGetter<HeaderCarrier> = {
  get: (carrier, key) => carrier.get(key) || undefined,
  keys: () => [],
};
const headerSetter: TextMapSetter<HeaderCarrier> = {
  set: (carrier, key, value) => carrier.set?.(key, value),
};

/** The W3C trace context of the active span (`traceparent`, maybe `tracestate`); empty when none or tracing is off. */
export function activeTraceContext(): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/** Writes the active span's `traceparent`/`tracestate` into outgoing NATS headers. */
export function injectTraceHeaders(h: HeaderCarrier): void {
  propagation.inject(context.active(), h, headerSetter);
}

/**
 * The context a received message's `traceparent` header names: the message, not whatever happens
 * to be active where it is read, decides its parent (none: a new trace).
 */
export function extractTraceHeaders(h: HeaderCarrier | undefined): Context {
  return h ? propagation.extract(ROOT_CONTEXT, h, headerGetter) : ROOT_CONTEXT;
}

/** Marks a span failed with the error's code (a DomainError's, else its class) and message. */
export function failSpan(span: Span, error: unknown): void {
  const code = (error as { code?: unknown }).code;
  span.setAttribute(
    ATTR_ERROR_TYPE,
    typeof code === 'string' ? code : error instanceof Error ? error.constructor.name : 'unknown',
  );
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `fn` inside a new span that is its active span (so the spans and headers of what `fn`
 * calls descend from it), and ends the span when `fn` settles, failed when it throws.
 */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Attributes; parent?: Context; links?: Link[] },
  fn: () => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = platformTracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), fn);
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** A client span around one NATS request; the request's headers get its `traceparent` (`injectTraceHeaders`). */
export function natsRequestSpan<T>(subject: string, fn: () => Promise<T>): Promise<T> {
  return inSpan(
    `send ${subject}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { [MESSAGING_SYSTEM]: 'nats', [MESSAGING_DESTINATION]: subject, [MESSAGING_OPERATION_TYPE]: 'send' },
    },
    fn,
  );
}

/** A NATS request being handled: a server span, child of the caller's span from the message's headers. */
export interface ServerSpan {
  /** Runs `fn` with the span active, so the handler's own requests and events continue the trace. */
  run<T>(fn: () => T): T;
  /** Ends the span (failed, with `error`); only the first call counts. */
  end(error?: unknown): void;
}

export function natsServerSpan(subject: string, h: HeaderCarrier | undefined): ServerSpan {
  const parent = extractTraceHeaders(h);
  const span = platformTracer().startSpan(
    `process ${subject}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        [MESSAGING_SYSTEM]: 'nats',
        [MESSAGING_DESTINATION]: subject,
        [MESSAGING_OPERATION_TYPE]: 'process',
      },
    },
    parent,
  );
  const active = trace.setSpan(parent, span);
  let ended = false;
  return {
    run: (fn) => context.with(active, fn),
    end: (error) => {
      if (ended) return;
      ended = true;
      if (error !== undefined) failSpan(span, error);
      span.end();
    },
  };
}

/**
 * A producer span around publishing one outbox row, child of the span that wrote the row (its
 * stored `traceparent`); the published message's headers carry this span's context. Without a
 * stored context (the row was written outside any trace, or tracing was off) no span is made.
 */
export function eventPublishSpan<T>(
  event: { id: string; subject: string; traceparent: string | null; tracestate: string | null },
  fn: () => Promise<T>,
): Promise<T> {
  if (!event.traceparent) return fn();
  const stored: Record<string, string> = { traceparent: event.traceparent };
  if (event.tracestate) stored.tracestate = event.tracestate;
  return inSpan(
    `publish ${event.subject}`,
    {
      kind: SpanKind.PRODUCER,
      parent: propagation.extract(ROOT_CONTEXT, stored),
      attributes: {
        [MESSAGING_SYSTEM]: 'nats',
        [MESSAGING_DESTINATION]: event.subject,
        [MESSAGING_OPERATION_TYPE]: 'send',
        [MESSAGING_MESSAGE_ID]: event.id,
      },
    },
    fn,
  );
}

/**
 * A consumer span around applying one delivered event: a child of the producer's span from the
 * message's `traceparent` (so the order stays one trace across services) with a link to that
 * span too (the messaging conventions' way of naming the message's creation), run with the span
 * active so the handler's requests and events continue the trace.
 */
export function eventConsumeSpan<T>(
  h: HeaderCarrier | undefined,
  event: { id: string; subject: string; consumer: string; attempt: number },
  fn: () => Promise<T>,
): Promise<T> {
  const parent = extractTraceHeaders(h);
  const producer = trace.getSpanContext(parent);
  return inSpan(
    `process ${event.subject}`,
    {
      kind: SpanKind.CONSUMER,
      parent,
      links: producer ? [{ context: producer }] : [],
      attributes: {
        [MESSAGING_SYSTEM]: 'nats',
        [MESSAGING_DESTINATION]: event.subject,
        [MESSAGING_OPERATION_TYPE]: 'process',
        [MESSAGING_MESSAGE_ID]: event.id,
        [MESSAGING_CONSUMER_GROUP]: event.consumer,
        [MESSAGING_DELIVERY_COUNT]: event.attempt,
      },
    },
    fn,
  );
}
