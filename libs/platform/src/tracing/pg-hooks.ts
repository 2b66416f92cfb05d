import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { tracesEndpointOf } from './tracing.js';

/**
 * Postgres query spans. The instrumentation patches `pg` as it is required (require-in-the-middle),
 * so it must be in place before anything loads `pg`: this module is the first import of the
 * platform's index, which is the first import of every app's main.ts, and ES modules are evaluated
 * in import order. It only installs its hook when an OTLP endpoint is set; the spans themselves
 * start once `startTracing` has registered a provider (the instrumentation's tracer follows the
 * global one). Only queries inside a traced request or event get a span, so the outbox relay's
 * polling does not fill the collector with one-span traces.
 */
if (tracesEndpointOf(process.env)) {
  new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true });
}
