import type { CustomerView, OrderView, PickTicketView, ShipmentView } from '#contracts';
import {
  Api,
  eventually,
  parsePrometheusText,
  type PromExposition,
  promSamples,
  promValue,
  SERVICE_NAMES,
  type ServiceName,
  TestSystem,
} from '#testing';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Prometheus metrics as an operator scrapes them: every service answers GET /metrics without an
 * API key, in the text format, every series labelled with the service; placing and shipping an
 * order moves the HTTP, NATS and event families, and the scrape-time gauges read the consumers,
 * the outbox and the database pool.
 */
describe('metrics: /metrics on every service', () => {
  let system: TestSystem;
  let admin: Api;

  beforeAll(async () => {
    system = await TestSystem.start();
    admin = new Api(system.gatewayUrl, system.adminKey);
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** One scrape, as Prometheus makes it: no API key. */
  async function scrape(name: ServiceName): Promise<PromExposition> {
    const response = await fetch(`${system.url(name)}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  }

  it('answers every service in the text format, each series labelled with its service, without ids in labels', async () => {
    for (const name of SERVICE_NAMES) {
      const metrics = await scrape(name);
      expect(metrics.samples.length).toBeGreaterThan(50);
      expect(metrics.samples.filter((s) => s.labels.service !== name)).toEqual([]);
      expect(metrics.samples.filter((s) => Object.values(s.labels).some((v) => UUID.test(v)))).toEqual([]);
      // Process metrics, the database pool, the outbox and the dead letters, on every service.
      expect(promSamples(metrics, 'process_cpu_user_seconds_total')).toHaveLength(1);
      expect(promValue(metrics, 'o2c_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      expect(
        promSamples(metrics, 'o2c_db_pool_connections')
          .map((s) => s.labels.state)
          .sort(),
      ).toEqual(['idle', 'total', 'waiting']);
      expect(promSamples(metrics, 'o2c_outbox_unpublished')).toHaveLength(1);
      expect(promSamples(metrics, 'o2c_outbox_oldest_unpublished_age_seconds')).toHaveLength(1);
      expect(promSamples(metrics, 'o2c_dead_letters')).toEqual([
        expect.objectContaining({ labels: { service: name }, value: 0 }),
      ]);
      expect(metrics.types).toMatchObject({
        http_requests_total: 'counter',
        http_request_duration_seconds: 'histogram',
        o2c_nats_requests_total: 'counter',
        o2c_consumer_pending_messages: 'gauge',
      });
    }
    // Each durable consumer of orders has its lag on orders' /metrics.
    const orders = await scrape('orders');
    const pending = promSamples(orders, 'o2c_consumer_pending_messages');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((s) => s.labels.durable.startsWith('orders-') && s.labels.stream.endsWith('_EVENTS'))).toBe(
      true,
    );
    expect(promSamples(orders, 'o2c_consumer_ack_pending_messages')).toHaveLength(pending.length);
    expect(promSamples(orders, 'o2c_consumer_redelivered_messages')).toHaveLength(pending.length);
    // Only the gateway keeps idempotency records.
    expect(promSamples(await scrape('gateway'), 'o2c_idempotency_in_progress')).toHaveLength(1);
    expect(promSamples(orders, 'o2c_idempotency_in_progress')).toEqual([]);
  });

  it('on the gateway needs no API key, and is listed in the OpenAPI document as /health is', async () => {
    const response = await admin.as(undefined).get('/metrics').expect(200);
    expect(response.text).toContain('http_requests_total');
    const document = (await admin.get('/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    expect('/metrics' in document.paths).toBe('/health' in document.paths);
    // A path no route serves is counted as "unmatched", never by its URL.
    await admin.get(`/no-such-route/${crypto.randomUUID()}`).expect(404);
    const gateway = await scrape('gateway');
    expect(promValue(gateway, 'http_requests_total', { route: 'unmatched', status_code: '404' })).toBeGreaterThan(0);
    expect(promSamples(gateway, 'http_requests_total').filter((s) => s.labels.route.includes('no-such'))).toEqual([]);
  });

  it('moves the HTTP, NATS and event families when an order is placed and shipped', async () => {
    await admin.post('/locations', { code: 'MX1', name: 'Metrics warehouse', priority: 1 }).expect(201);
    await admin.post('/items', { sku: 'MX-1', name: 'Measured widget' }).expect(201);
    await admin
      .post('/stock/receipts', { sku: 'MX-1', locationCode: 'MX1', quantity: 10, reference: 'PO-M' })
      .expect(201);
    await admin.post('/prices', { sku: 'MX-1', currency: 'EUR', unitPriceMinor: 700 }).expect(201);
    const customer: CustomerView = (
      await admin.post('/customers', { name: 'Metrics Ltd', currency: 'EUR' }).expect(201)
    ).body;

    const placedOrders = { route: '/orders', method: 'POST', status_code: '201' };
    const placeServed = { subject: 'orders.order.place', outcome: 'ok' };
    const placedEvent = { subject: 'events.orders.order.placed' };
    const invoicePosted = { subject: 'events.billing.invoice.posted' };
    const [gateway0, orders0, billing0] = await Promise.all([scrape('gateway'), scrape('orders'), scrape('billing')]);

    const order: OrderView = (
      await admin.post('/orders', { customerId: customer.id, lines: [{ sku: 'MX-1', quantity: 2 }] }).expect(201)
    ).body;
    const ticket = await eventually(
      async () => {
        const res = await admin.post('/pick-tickets/generate', { locationCode: 'MX1' }).expect(200);
        return (res.body as PickTicketView[]).find((t) => t.orderId === order.id);
      },
      { what: 'a pick ticket for the order' },
    );
    await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
    const shipment: ShipmentView = (
      await admin
        .post(`/pick-tickets/${ticket.id}/pack`, {
          containers: [{ code: 'BOX-M', lines: [{ orderLineId: order.lines[0].id, quantity: 2 }] }],
        })
        .expect(201)
    ).body;
    await admin
      .post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: '1Z999AA10123456784' })
      .expect(200);

    const gateway1 = await scrape('gateway');
    expect(promValue(gateway1, 'http_requests_total', placedOrders)).toBe(
      promValue(gateway0, 'http_requests_total', placedOrders) + 1,
    );
    expect(promValue(gateway1, 'http_request_duration_seconds_count', { route: '/orders', method: 'POST' })).toBe(
      promValue(gateway0, 'http_request_duration_seconds_count', { route: '/orders', method: 'POST' }) + 1,
    );
    expect(promValue(gateway1, 'http_requests_total', { route: '/shipments/:id/ship', status_code: '200' })).toBe(1);
    expect(promValue(gateway1, 'o2c_nats_client_requests_total', placeServed)).toBe(
      promValue(gateway0, 'o2c_nats_client_requests_total', placeServed) + 1,
    );

    const orders1 = await scrape('orders');
    expect(promValue(orders1, 'o2c_nats_requests_total', placeServed)).toBe(
      promValue(orders0, 'o2c_nats_requests_total', placeServed) + 1,
    );
    expect(promValue(orders1, 'o2c_nats_request_duration_seconds_count', { subject: 'orders.order.place' })).toBe(
      promValue(orders0, 'o2c_nats_request_duration_seconds_count', { subject: 'orders.order.place' }) + 1,
    );
    // orders asked pricing and inventory while placing it.
    expect(
      promValue(orders1, 'o2c_nats_client_requests_total', { subject: 'inventory.stock.reserve', outcome: 'ok' }),
    ).toBeGreaterThan(promValue(orders0, 'o2c_nats_client_requests_total', { subject: 'inventory.stock.reserve' }));

    // The relay publishes the order's event; the shipment ends in a posted invoice, which billing publishes.
    await eventually(
      async () =>
        promValue(await scrape('orders'), 'o2c_events_published_total', placedEvent) >
        promValue(orders0, 'o2c_events_published_total', placedEvent)
          ? true
          : undefined,
      { what: 'orders to count its order placed event' },
    );
    const billing1 = await eventually(
      async () => {
        const billing = await scrape('billing');
        return promValue(billing, 'o2c_events_published_total', invoicePosted) >
          promValue(billing0, 'o2c_events_published_total', invoicePosted)
          ? billing
          : undefined;
      },
      { what: 'billing to count its invoice posted event', timeoutMs: 30_000 },
    );
    expect(
      promValue(billing1, 'o2c_events_handled_total', {
        durable: 'billing-events_orders_lines_shipped',
        outcome: 'applied',
      }),
    ).toBeGreaterThan(0);

    // Once everything is relayed, no outbox holds anything and orders' consumers have caught up.
    for (const name of SERVICE_NAMES) {
      await eventually(
        async () => {
          const metrics = await scrape(name);
          return promValue(metrics, 'o2c_outbox_unpublished') === 0 &&
            promValue(metrics, 'o2c_outbox_oldest_unpublished_age_seconds') === 0
            ? true
            : undefined;
        },
        { what: `${name}'s outbox to be empty` },
      );
    }
    await eventually(
      async () => {
        const orders = await scrape('orders');
        const pending = promSamples(orders, 'o2c_consumer_pending_messages');
        return pending.length > 0 && pending.every((s) => s.value === 0) ? true : undefined;
      },
      { what: "orders' consumers to have no pending events" },
    );
  });
});
