import { SpanKind, trace } from '@opentelemetry/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { activeTraceContext, inSpan } from './spans.js';
import { platformTracer, shutdownTracing, startTracing, tracesEndpointOf } from './tracing.js';

describe('tracing', () => {
  it('finds the traces endpoint by the OpenTelemetry rule', () => {
    expect(tracesEndpointOf({})).toBeUndefined();
    expect(tracesEndpointOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(
      tracesEndpointOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/otlp/v1/traces',
      }),
    ).toBe('http://tempo:4318/otlp/v1/traces');
  });

  it('is off without an endpoint: nothing starts, spans record nothing, no traceparent is written', async () => {
    expect(startTracing('orders', {})).toBeUndefined();
    expect(platformTracer().startSpan('x').isRecording()).toBe(false);
    await inSpan('work', { kind: SpanKind.INTERNAL }, async () => {
      expect(activeTraceContext()).toEqual({ traceparent: undefined, tracestate: undefined });
    });
  });

  it('exports spans named after the service to the endpoint, and flushes them at shutdown', async () => {
    const received: Array<{ request: string; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ request: `${req.method} ${req.url} ${req.headers['content-type']}`, body });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const tracing = startTracing('orders', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
      expect(tracing?.endpoint).toBe(`http://127.0.0.1:${port}/v1/traces`);
      let traceparent: string | undefined;
      await inSpan('place order', { kind: SpanKind.INTERNAL }, async () => {
        traceparent = activeTraceContext().traceparent;
        expect(traceparent).toBe(
          `00-${trace.getActiveSpan()!.spanContext().traceId}-${trace.getActiveSpan()!.spanContext().spanId}-01`,
        );
      });
      // The batch would wait 5 s (the default delay); shutting down sends it now.
      expect(received).toEqual([]);
      await shutdownTracing();
      expect(received).toHaveLength(1);
      expect(received[0].request).toBe('POST /v1/traces application/json');
      const exported = JSON.parse(received[0].body) as {
        resourceSpans: Array<{
          resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
          scopeSpans: Array<{ spans: Array<{ name: string; traceId: string }> }>;
        }>;
      };
      const [resourceSpans] = exported.resourceSpans;
      expect(resourceSpans.resource.attributes).toContainEqual({
        key: 'service.name',
        value: { stringValue: 'orders' },
      });
      expect(resourceSpans.scopeSpans[0].spans).toEqual([
        expect.objectContaining({ name: 'place order', traceId: traceparent!.split('-')[1] }),
      ]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
