import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { httpMetricsMiddleware, routeLabel, UNMATCHED } from './http-metrics.middleware.js';
import { Metrics } from './metrics.js';
import { OK, outcomeOf } from './outcome.js';
import { singleFlight, withTimeout } from './scrape-gauge.js';

const lines = (text: string, prefix: string) => text.split('\n').filter((l) => l.startsWith(prefix));

describe('routeLabel', () => {
  it('is the route pattern that matched, never the path with its ids', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/orders/:id' } })).toBe('/orders/:id');
    expect(routeLabel({ baseUrl: '/api', route: { path: '/orders/:id/lines' } })).toBe('/api/orders/:id/lines');
    expect(routeLabel({ baseUrl: '', route: { path: '' } })).toBe('/');
  });

  it('is "unmatched" when no route served the request', () => {
    expect(routeLabel({ baseUrl: '', route: undefined })).toBe(UNMATCHED);
    expect(routeLabel({ baseUrl: '', route: {} })).toBe(UNMATCHED);
  });
});

describe('outcomeOf', () => {
  it('is the error code of a DomainError or an error payload', () => {
    expect(outcomeOf(new DomainError('VALIDATION_FAILED', 'bad'))).toBe('VALIDATION_FAILED');
    expect(outcomeOf(new DomainError('SERVICE_TIMEOUT', 'late'))).toBe('SERVICE_TIMEOUT');
    expect(outcomeOf({ code: 'OUT_OF_STOCK_NOT_A_CODE' })).toBe('INTERNAL');
    expect(outcomeOf({ code: 'INSUFFICIENT_STOCK', message: 'x' })).toBe('INSUFFICIENT_STOCK');
  });

  it('is INTERNAL for anything that carries no code of contracts (bounded label values)', () => {
    expect(outcomeOf(new Error('boom'))).toBe('INTERNAL');
    expect(outcomeOf(Object.assign(new Error('dup'), { code: '23505' }))).toBe('INTERNAL');
    expect(outcomeOf(undefined)).toBe('INTERNAL');
    expect(outcomeOf('text')).toBe('INTERNAL');
    expect(OK).toBe('ok');
  });
});

describe('Metrics', () => {
  it('labels every series with the service, process metrics included, in a registry of its own', async () => {
    const a = new Metrics('orders');
    const b = new Metrics('billing');
    a.natsRequests.inc({ subject: 'orders.order.place', outcome: OK });
    const text = await a.render();
    expect(lines(text, 'o2c_nats_requests_total')).toEqual([
      'o2c_nats_requests_total{subject="orders.order.place",outcome="ok",service="orders"} 1',
    ]);
    expect(lines(text, 'process_cpu_user_seconds_total')[0]).toMatch(/\{service="orders"\} /);
    expect(lines(await b.render(), 'o2c_nats_requests_total')).toEqual([]);
    expect(a.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('answers a gauge read at scrape time, and leaves out one that fails or is late', async () => {
    const metrics = new Metrics('inventory', { defaultMetrics: false, collectTimeoutMs: 50 });
    metrics.scrapeGauge('o2c_test_ok', 'ok', () =>
      Promise.resolve([{ labels: { durable: 'd1' }, value: 3 }, { value: NaN }]),
    );
    metrics.scrapeGauge('o2c_test_failing', 'fails', () => Promise.reject(new Error('database down')));
    metrics.scrapeGauge('o2c_test_hanging', 'hangs', () => new Promise(() => undefined));
    const started = Date.now();
    const text = await metrics.render();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines(text, 'o2c_test_')).toEqual(['o2c_test_ok{durable="d1",service="inventory"} 3']);
    expect(text).toContain('# TYPE o2c_test_failing gauge');
    // Counted while that scrape was being answered: the next one shows it.
    expect(lines(await metrics.render(), 'o2c_metrics_collect_failures_total').sort()).toEqual([
      'o2c_metrics_collect_failures_total{metric="o2c_test_failing",service="inventory"} 1',
      'o2c_metrics_collect_failures_total{metric="o2c_test_hanging",service="inventory"} 1',
    ]);
  });
});

describe('httpMetricsMiddleware', () => {
  it('counts and times each request once, by route pattern and status, when its answer ends', async () => {
    const metrics = new Metrics('gateway', { defaultMetrics: false });
    const middleware = httpMetricsMiddleware(metrics);
    const serve = (method: string, route: string | undefined, status: number) => {
      const res = Object.assign(new EventEmitter(), { statusCode: status });
      const req = { method, baseUrl: '', route: undefined as { path: string } | undefined };
      const next: NextFunction = () => {
        req.route = route ? { path: route } : undefined;
      };
      middleware(req as unknown as Request, res as unknown as Response, next);
      res.emit('finish');
      res.emit('close');
    };
    serve('GET', '/orders/:id', 200);
    serve('GET', '/orders/:id', 200);
    serve('POST', '/orders', 201);
    serve('GET', undefined, 404);
    const text = await metrics.render();
    expect(lines(text, 'http_requests_total').sort()).toEqual([
      'http_requests_total{method="GET",route="/orders/:id",status_code="200",service="gateway"} 2',
      'http_requests_total{method="GET",route="unmatched",status_code="404",service="gateway"} 1',
      'http_requests_total{method="POST",route="/orders",status_code="201",service="gateway"} 1',
    ]);
    expect(lines(text, 'http_request_duration_seconds_count').sort()).toEqual([
      'http_request_duration_seconds_count{service="gateway",method="GET",route="/orders/:id"} 2',
      'http_request_duration_seconds_count{service="gateway",method="GET",route="unmatched"} 1',
      'http_request_duration_seconds_count{service="gateway",method="POST",route="/orders"} 1',
    ]);
  });
});

describe('singleFlight and withTimeout', () => {
  it('shares one read among callers while it runs, and starts a new one after', async () => {
    let reads = 0;
    let release!: (n: number) => void;
    const read = singleFlight(() => {
      reads++;
      return new Promise<number>((resolve) => (release = resolve));
    });
    const first = read();
    const second = read();
    expect(reads).toBe(1);
    release(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    const third = read();
    expect(reads).toBe(2);
    release(8);
    expect(await third).toBe(8);
  });

  it('gives up on a read that takes too long, naming it', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'o2c_x')).rejects.toThrow(
      'o2c_x took longer than 20 ms',
    );
    await expect(withTimeout(Promise.resolve(1), 20, 'o2c_x')).resolves.toBe(1);
  });
});
