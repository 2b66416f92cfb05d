import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LRUCache } from 'lru-cache';
import { DomainError, oneRow, SERVICE_CONFIG } from '#platform';
import type { GatewayConfig } from '../config.js';

interface Window {
  start: number;
  /** Milliseconds left in it. */
  left: number;
}

function windowOf(ms: number, now = Date.now()): Window {
  const start = Math.floor(now / ms) * ms;
  return { start, left: start + ms - now };
}

/**
 * Fixed-window request counters in Postgres (`gateway.rate_counters`), shared by every gateway
 * replica: the limits per key and per address (RateLimitGuard), and the count of wrong keys
 * per address. One conditional upsert per counted request.
 */
@Injectable()
export class RateCounters implements OnApplicationBootstrap, OnApplicationShutdown {
  private sweeper?: NodeJS.Timeout;
  /** Addresses refused for wrong keys, until when (epoch ms); bounded like every per-client memory. */
  private readonly blocked = new LRUCache<string, number>({ max: 10_000, ttl: 60_000 });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Windows that ended are of no use: cleared now and then, by whichever replica gets there.
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), 60_000);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Counts one request for `tracker` in the current window of `windowMs`. */
  async count(tracker: string, windowMs: number): Promise<{ hits: number; secondsLeft: number }> {
    const window = windowOf(windowMs);
    return { hits: await this.hit(tracker, window), secondsLeft: Math.max(1, Math.ceil(window.left / 1000)) };
  }

  /**
   * Counts a wrong API key from `address`; past AUTH_FAILURE_LIMIT_PER_ADDRESS in the window the
   * address is refused (429 RATE_LIMITED) until the window ends, by this replica without asking
   * the database again, and by the others at their next wrong key from it.
   */
  async authFailure(address: string): Promise<void> {
    const limit = this.config.AUTH_FAILURE_LIMIT_PER_ADDRESS;
    if (limit === 0) return;
    const window = windowOf(this.config.RATE_LIMIT_WINDOW_MS);
    const hits = await this.hit(`auth-failure:${address}`, window);
    if (hits > limit) {
      this.blocked.set(address, window.start + this.config.RATE_LIMIT_WINDOW_MS, { ttl: window.left });
      this.assertMayTry(address);
    }
  }

  /** 429 RATE_LIMITED while `address` is refused for wrong keys. */
  assertMayTry(address: string): void {
    const until = this.blocked.get(address);
    if (until === undefined) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
    throw new DomainError(
      'RATE_LIMITED',
      `Too many requests with a wrong API key from this address: try again in ${retryAfterSeconds} s`,
      { limit: this.config.AUTH_FAILURE_LIMIT_PER_ADDRESS, retryAfterSeconds },
    );
  }

  private async hit(key: string, window: Window): Promise<number> {
    const { hits } = await oneRow<{ hits: number }>(
      this.dataSource,
      `INSERT INTO gateway.rate_counters (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = gateway.rate_counters.hits + 1 RETURNING hits`,
      [key, window.start],
    );
    return hits;
  }

  private async sweep(): Promise<void> {
    const longest = this.config.RATE_LIMIT_WINDOW_MS;
    await this.dataSource.query(`DELETE FROM gateway.rate_counters WHERE window_start < $1`, [
      Date.now() - 2 * longest,
    ]);
  }
}
