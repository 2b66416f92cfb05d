import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { type GaugeSample, ScrapeGauge } from './scrape-gauge.js';

/** How long a gauge read at scrape time may take before its family is answered without samples. */
export const COLLECT_TIMEOUT_MS = 1000;

export interface MetricsOptions {
  /** prom-client's process metrics (CPU, memory, event loop, GC); on unless false. */
  defaultMetrics?: boolean;
  collectTimeoutMs?: number;
}

/**
 * The Prometheus metrics of one service process, in a registry of its own (not prom-client's
 * global one, so several apps built in one test process do not collide), every series labelled
 * `service`. Served at `GET /metrics` (metrics.controller.ts). The families:
 * - `http_requests_total{method,route,status_code}`, `http_request_duration_seconds{method,route}`:
 *   every HTTP request, by Nest route pattern (`/orders/:id`; `unmatched` when no route served it);
 * - `o2c_nats_requests_total{subject,outcome}`, `o2c_nats_request_duration_seconds{subject}`: the
 *   NATS requests this service answered (outcome `ok` or the error code);
 * - `o2c_nats_client_requests_total{subject,outcome}`: the NATS requests it sent;
 * - `o2c_events_published_total{subject}`, `o2c_events_handled_total{durable,outcome}`;
 * - gauges read at scrape time ({@link Metrics.scrapeGauge}): consumers, outbox, dead letters, pool.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status_code'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly natsRequests: Counter<'subject' | 'outcome'>;
  readonly natsRequestDuration: Histogram<'subject'>;
  readonly natsClientRequests: Counter<'subject' | 'outcome'>;
  readonly eventsPublished: Counter<'subject'>;
  readonly eventsHandled: Counter<'durable' | 'outcome'>;
  private readonly collectFailures: Counter<'metric'>;
  private readonly collectTimeoutMs: number;

  constructor(
    readonly service: string,
    options: MetricsOptions = {},
  ) {
    this.collectTimeoutMs = options.collectTimeoutMs ?? COLLECT_TIMEOUT_MS;
    this.registry.setDefaultLabels({ service });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern (unmatched: no route) and status code',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to the end of its answer, by method and route pattern',
      labelNames: ['method', 'route'],
      registers,
    });
    this.natsRequests = new Counter({
      name: 'o2c_nats_requests_total',
      help: 'NATS requests this service answered, by subject and outcome (ok or the error code)',
      labelNames: ['subject', 'outcome'],
      registers,
    });
    this.natsRequestDuration = new Histogram({
      name: 'o2c_nats_request_duration_seconds',
      help: 'Time this service took to answer a NATS request, by subject',
      labelNames: ['subject'],
      registers,
    });
    this.natsClientRequests = new Counter({
      name: 'o2c_nats_client_requests_total',
      help: 'NATS requests this service sent to others, by subject and outcome (ok, SERVICE_TIMEOUT, SERVICE_UNAVAILABLE or the error code answered)',
      labelNames: ['subject', 'outcome'],
      registers,
    });
    this.eventsPublished = new Counter({
      name: 'o2c_events_published_total',
      help: 'Events the outbox relay published to JetStream (and marked published), by subject',
      labelNames: ['subject'],
      registers,
    });
    this.eventsHandled = new Counter({
      name: 'o2c_events_handled_total',
      help: 'Event deliveries to this service’s durable consumers, by durable and outcome (applied, duplicate, retry_later, failed, dead_lettered, unreadable)',
      labelNames: ['durable', 'outcome'],
      registers,
    });
    this.collectFailures = new Counter({
      name: 'o2c_metrics_collect_failures_total',
      help: 'Scrapes at which a gauge family could not be read in time (its samples were left out), by family; shows from the next scrape',
      labelNames: ['metric'],
      registers,
    });
  }

  /**
   * A gauge family read when Prometheus scrapes, within the collect timeout; when the read fails or
   * is late the family has no samples in that scrape (and o2c_metrics_collect_failures_total counts it).
   */
  scrapeGauge(name: string, help: string, read: () => Promise<GaugeSample[]>): void {
    this.registry.registerMetric(
      new ScrapeGauge(name, help, read, this.collectTimeoutMs, (metric) =>
        this.collectFailures.inc({ metric }),
      ) as never,
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of every family. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
