import type { CustomerView, OrderView, PickTicketView, ShipmentView } from '#contracts';
import { Api, eventually, TestSystem } from '#testing';
import { OtlpReceiver, type ReceivedSpan, SpanKinds } from './otlp-receiver.js';

/**
 * Traces as an operator sees them in a collector: every service exports OTLP/HTTP JSON to a
 * receiver in this process, and an order placed through the gateway is one trace across the
 * gateway, orders, pricing and inventory, continued through events into the warehouse and billing.
 */
describe('traces across the services', () => {
  let receiver: OtlpReceiver;
  let system: TestSystem;
  let admin: Api;
  /** Pricing's own environment when it is (re)started. */
  let pricingEnv: Record<string, string> = {};

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    system = await TestSystem.start({
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.tracesUrl, OTEL_BSP_SCHEDULE_DELAY: '200' },
      serviceEnv: () => ({ pricing: pricingEnv }),
    });
    admin = new Api(system.gatewayUrl, system.adminKey);
  });

  afterAll(async () => {
    await system?.stop();
    await receiver?.stop();
  });

  /** The gateway's span of the request whose response carried this X-Request-Id. */
  const gatewaySpanOf = (requestId: string) =>
    eventually(
      async () =>
        receiver.spans.find(
          (s) =>
            s.service === 'gateway' &&
            s.kind === SpanKinds.server &&
            (s.attributes['http.response.header.x-request-id'] as string[] | undefined)?.[0] === requestId,
        ),
      { what: `the gateway span of request ${requestId}` },
    );

  const byId = (spans: ReceivedSpan[]) => new Map(spans.map((s) => [s.spanId, s]));
  const parentOf = (spans: ReceivedSpan[], span: ReceivedSpan) => byId(spans).get(span.parentSpanId ?? '');

  /** A trace once it holds what `complete` asks for and every span's parent has arrived too. */
  const traceWhen = (traceId: string, complete: (spans: ReceivedSpan[]) => boolean, what: string) =>
    eventually(
      async () => {
        const spans = receiver.trace(traceId);
        const ids = byId(spans);
        const orphans = spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
        return complete(spans) && orphans.length === 0 ? spans : undefined;
      },
      { what, timeoutMs: 20_000 },
    );

  it('places an order as one trace from the gateway through orders, pricing and inventory', async () => {
    await admin.post('/locations', { code: 'WH1', name: 'Main warehouse', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'T100', name: 'Traced widget' }).expect(201);
    await admin
      .post('/stock/receipts', { sku: 'T100', locationCode: 'WH1', quantity: 10, reference: 'PO-T' })
      .expect(201);
    await admin.post('/prices', { sku: 'T100', currency: 'EUR', unitPriceMinor: 500 }).expect(201);
    const customer: CustomerView = (await admin.post('/customers', { name: 'Trace Ltd', currency: 'EUR' }).expect(201))
      .body;

    const placed = await admin
      .post('/orders', { customerId: customer.id, lines: [{ sku: 'T100', quantity: 2 }] })
      .expect(201);
    const root = await gatewaySpanOf(placed.headers['x-request-id']);
    expect(root).toMatchObject({
      name: 'POST /orders',
      parentSpanId: undefined,
      attributes: expect.objectContaining({ 'http.route': '/orders', 'http.response.status_code': 201 }),
    });

    // The order's event reaches the warehouse (pick demand) and billing in the same trace.
    const spans = await traceWhen(
      root.traceId,
      (trace) =>
        ['gateway', 'orders', 'pricing', 'inventory'].every((name) => trace.some((s) => s.service === name)) &&
        trace.some((s) => s.service === 'warehouse' && s.kind === SpanKinds.consumer) &&
        trace.some((s) => s.service === 'billing' && s.kind === SpanKinds.consumer),
      'the order trace across the services',
    );
    // One root, the gateway's request; everything else hangs off a span of the same trace.
    expect(spans.filter((s) => !s.parentSpanId)).toEqual([root]);

    // Each NATS request handled by a service is the child of the client span that sent it.
    const handled = spans.filter((s) => s.kind === SpanKinds.server && s.service !== 'gateway');
    expect(new Set(handled.map((s) => s.service))).toEqual(new Set(['orders', 'pricing', 'inventory']));
    for (const server of handled) {
      const client = parentOf(spans, server)!;
      expect(client).toMatchObject({ kind: SpanKinds.client, name: server.name.replace(/^process /, 'send ') });
      expect(client.service).not.toBe(server.service);
    }
    expect(
      parentOf(
        spans,
        spans.find((s) => s.service === 'orders' && s.kind === SpanKinds.server)!,
      )!.service,
    ).toBe('gateway');

    // Postgres queries of the request show up under the service that ran them.
    const reserve = spans.find((s) => s.service === 'inventory' && s.name === 'process inventory.stock.reserve')!;
    const queries = spans.filter(
      (s) => s.parentSpanId === reserve.spanId && s.attributes['db.system.name'] === 'postgresql',
    );
    expect(queries.map((s) => s.attributes['db.query.text'])).toEqual(
      expect.arrayContaining([expect.stringMatching(/inventory\.stock/)]),
    );

    // Events: the consumer's span is a child of the producer's span, and links to it as well.
    for (const consumer of spans.filter((s) => s.kind === SpanKinds.consumer)) {
      const producer = parentOf(spans, consumer)!;
      expect(producer).toMatchObject({
        kind: SpanKinds.producer,
        name: consumer.name.replace(/^process /, 'publish '),
      });
      expect(consumer.links).toEqual([{ traceId: root.traceId, spanId: producer.spanId }]);
    }
    const placedEvent = spans.find(
      (s) => s.kind === SpanKinds.producer && s.name === 'publish events.orders.order.placed',
    );
    expect(placedEvent?.service).toBe('orders');
    expect(spans.filter((s) => s.parentSpanId === placedEvent?.spanId).map((s) => `${s.service} ${s.name}`)).toEqual(
      expect.arrayContaining([
        'warehouse process events.orders.order.placed',
        'billing process events.orders.order.placed',
      ]),
    );
  });

  it('carries the trace of a shipment from the gateway through the warehouse to the posted invoice', async () => {
    const customer: CustomerView = (await admin.post('/customers', { name: 'Ship Ltd', currency: 'EUR' }).expect(201))
      .body;
    const order: OrderView = (
      await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'T100', quantity: 1 }] }).expect(201)
    ).body;
    const ticket = await eventually(
      async () => {
        const res = await admin.post('/pick-tickets/generate', { locationCode: 'WH1' }).expect(200);
        return (res.body as PickTicketView[]).find((t) => t.orderId === order.id);
      },
      { what: 'a pick ticket' },
    );
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment: ShipmentView = (
      await admin
        .post(`/pick-tickets/${ticket.id}/pack`, {
          containers: [{ code: 'BOX-T', lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] }],
        })
        .expect(201)
    ).body;
    const shipped = await admin
      .post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: '1Z999AA10123456784' })
      .expect(200);
    const root = await gatewaySpanOf(shipped.headers['x-request-id']);
    expect(root.name).toBe('POST /shipments/:id/ship');

    // warehouse publishes the shipment, orders marks the lines shipped, billing posts the invoice,
    // orders records it: all in the trace of the request that shipped.
    const spans = await traceWhen(
      root.traceId,
      (trace) =>
        trace.some((s) => s.service === 'billing' && s.name === 'publish events.billing.invoice.posted') &&
        trace.some((s) => s.service === 'orders' && s.name === 'process events.billing.invoice.posted'),
      'the shipment trace through to the invoice',
    );
    expect(spans.filter((s) => !s.parentSpanId)).toEqual([root]);
    const billing = spans.find((s) => s.service === 'billing' && s.name === 'process events.orders.lines.shipped')!;
    const producer = parentOf(spans, billing)!;
    expect(producer).toMatchObject({ service: 'orders', kind: SpanKinds.producer });
    expect(billing.links).toEqual([{ traceId: root.traceId, spanId: producer.spanId }]);
    expect(spans.filter((s) => s.kind === SpanKinds.consumer).map((s) => `${s.service} ${s.name}`)).toEqual(
      expect.arrayContaining([
        'orders process events.warehouse.shipment.shipped',
        'inventory process events.warehouse.shipment.shipped',
        'billing process events.orders.lines.shipped',
        'orders process events.billing.invoice.posted',
      ]),
    );
  });

  it('continues the trace a caller sends in traceparent, and leaves health polling untraced', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await admin.get('/orders', { traceparent: `00-${traceId}-00f067aa0ba902b7-01` }).expect(200);
    const span = await gatewaySpanOf(res.headers['x-request-id']);
    expect(span).toMatchObject({ traceId, parentSpanId: '00f067aa0ba902b7', name: 'GET /orders' });
    await eventually(async () => receiver.trace(traceId).find((s) => s.service === 'orders'), {
      what: 'the listing handled by orders, in the trace of the caller',
    });
    // TestSystem polled every service's /health until it was up, long before these spans arrived.
    expect(receiver.spans.filter((s) => String(s.attributes['url.path']).startsWith('/health'))).toEqual([]);
  });

  it('sends the spans still buffered when a service is stopped', async () => {
    // A pricing whose batches would wait ten minutes: only its shutdown can send them.
    await system.kill('pricing', 'SIGTERM');
    pricingEnv = { OTEL_BSP_SCHEDULE_DELAY: '600000' };
    await system.startService('pricing');
    const listed = await admin.get('/prices').expect(200);
    const root = await gatewaySpanOf(listed.headers['x-request-id']);
    const pricingSpan = () => receiver.trace(root.traceId).find((s) => s.service === 'pricing');
    // The gateway's own batch came (every 200 ms) while pricing's waits.
    await traceWhen(
      root.traceId,
      (trace) => trace.some((s) => s.name === 'send pricing.price.list'),
      'the gateway side of the listing',
    );
    expect(pricingSpan()).toBeUndefined();
    await system.kill('pricing', 'SIGTERM');
    expect(receiver.trace(root.traceId).filter((s) => s.service === 'pricing' && !s.name.startsWith('pg.'))).toEqual([
      expect.objectContaining({ name: 'process pricing.price.list', kind: SpanKinds.server }),
    ]);
  });
});
