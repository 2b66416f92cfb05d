/** One sample of a gauge read at scrape time. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/** Rejects when `promise` has not settled within `ms` (the promise itself keeps running). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * One read shared by everyone who asks while it runs: the gauges of one scrape that come from the
 * same query share it, and a read that hangs (a database that does not answer) is not started
 * again by every scrape behind it, so slow scrapes cannot pile up queries or requests.
 */
export function singleFlight<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= read().finally(() => {
      running = undefined;
    });
    return running;
  };
}

/**
 * A gauge family whose samples are read when Prometheus scrapes (a count in the database, a
 * consumer's position on the NATS server), registered on a prom-client Registry as a metric of
 * its own. The read gets `timeoutMs`; when it fails or is late the family is answered without
 * samples (and `onFailure` is told), never with a stale or made-up value, and never late.
 */
export class ScrapeGauge {
  readonly type = 'gauge';
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => Promise<GaugeSample[]>,
    private readonly timeoutMs: number,
    private readonly onFailure: (name: string, error: Error) => void = () => undefined,
  ) {}

  async get(): Promise<{ name: string; help: string; type: 'gauge'; aggregator: 'sum'; values: GaugeSample[] }> {
    let values: GaugeSample[] = [];
    try {
      values = (await withTimeout(this.read(), this.timeoutMs, this.name)).filter((s) => Number.isFinite(s.value));
    } catch (error) {
      this.onFailure(this.name, error as Error);
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Nothing is kept between scrapes. */
  reset(): void {}
}
