import { Metrics } from '#platform';
import { parsePrometheusText, promSamples, promValue } from './prometheus.js';

describe('parsePrometheusText', () => {
  it('reads what a service serves at /metrics', async () => {
    const metrics = new Metrics('pricing');
    metrics.httpRequests.inc({ method: 'GET', route: '/prices', status_code: '200' }, 2);
    metrics.scrapeGauge('o2c_consumer_pending_messages', 'lag', () =>
      Promise.resolve([{ labels: { stream: 'ORDERS_EVENTS', durable: 'pricing-x' }, value: 4 }]),
    );
    const parsed = parsePrometheusText(await metrics.render());
    expect(parsed.types).toMatchObject({
      http_requests_total: 'counter',
      http_request_duration_seconds: 'histogram',
      o2c_consumer_pending_messages: 'gauge',
    });
    expect(promValue(parsed, 'http_requests_total', { route: '/prices', service: 'pricing' })).toBe(2);
    expect(promSamples(parsed, 'o2c_consumer_pending_messages')).toEqual([
      {
        name: 'o2c_consumer_pending_messages',
        labels: { stream: 'ORDERS_EVENTS', durable: 'pricing-x', service: 'pricing' },
        value: 4,
      },
    ]);
    expect(parsed.samples.every((s) => s.labels.service === 'pricing')).toBe(true);
  });

  it('unescapes label values and refuses a malformed line', () => {
    const parsed = parsePrometheusText('# HELP x a\n# TYPE x gauge\nx{a="q\\"uote",b="back\\\\slash"} +Inf\n');
    expect(parsed.samples).toEqual([{ name: 'x', labels: { a: 'q"uote', b: 'back\\slash' }, value: Infinity }]);
    expect(() => parsePrometheusText('x{a="1"} 1\nnot a sample line here\n')).toThrow(/line 2/);
    expect(() => parsePrometheusText('x{a=1} 1\n')).toThrow(/bad labels/);
  });
});
