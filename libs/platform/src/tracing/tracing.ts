import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { trace, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { envDetector, detectResources, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_INSTANCE_ID, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { hostname } from 'node:os';

/** The variables that turn tracing on (the standard OpenTelemetry ones). */
export interface TracingConfig {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}

/**
 * Where spans are sent, by the OpenTelemetry rule: the traces endpoint as given, else
 * `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`; undefined when neither is set (tracing is off).
 */
export function tracesEndpointOf(config: TracingConfig): string | undefined {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/** A running tracer provider; `shutdown` exports what is still buffered. */
export interface Tracing {
  endpoint: string;
  shutdown(): Promise<void>;
}

let running: (Tracing & { provider: NodeTracerProvider }) | undefined;

/**
 * Starts tracing for this process when an OTLP endpoint is configured, and does nothing
 * (returning undefined) when none is: then every span the platform makes is a no-op and no
 * `traceparent` is read or written. Spans go in batches (OTEL_BSP_* tune them) as OTLP/HTTP
 * JSON; the resource names the service (`service.name`) and this process
 * (`service.instance.id`), plus any OTEL_RESOURCE_ATTRIBUTES. Context travels in W3C
 * `traceparent`/`tracestate` headers, and inside a process in AsyncLocalStorage.
 */
export function startTracing(service: string, config: TracingConfig): Tracing | undefined {
  const endpoint = tracesEndpointOf(config);
  if (!endpoint) return undefined;
  if (running) return running;
  const resource = detectResources({ detectors: [envDetector] }).merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]: service,
      [ATTR_SERVICE_INSTANCE_ID]: `${hostname()}:${process.pid}`,
    }),
  );
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  // Registers the AsyncLocalStorage context manager too, so the active span follows async work.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const started = {
    endpoint,
    provider,
    shutdown: async () => {
      if (running !== started) return;
      running = undefined;
      await provider.shutdown();
    },
  };
  running = started;
  return started;
}

/** Exports the spans still buffered and stops the provider (a no-op when tracing is off). */
export async function shutdownTracing(): Promise<void> {
  await running?.shutdown();
}

/** The platform's tracer: its spans are no-ops until `startTracing` has registered a provider. */
export function platformTracer(): Tracer {
  return trace.getTracer('o2c-platform');
}

/** Last of the shutdown hooks (after HTTP, NATS and the consumers stopped): flushes the spans. */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return shutdownTracing();
  }
}
