import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, SERVICE_CONFIG } from '#platform';
import type { GatewayConfig } from '../config.js';
import { hashKey } from './api-keys.service.js';
import { apiKeyOf } from './auth.guard.js';
import { RateCounters } from './rate-counters.js';
import { routeKeyOf } from '#platform';
import { PUBLIC, ROUTE_POLICY } from './route-policy.js';

/**
 * The gateway's two request limits, counted over all routes together in RATE_LIMIT_WINDOW_MS
 * windows: per client address (RATE_LIMIT_PER_ADDRESS) and per API key (RATE_LIMIT_PER_KEY,
 * counted by the key's hash, whichever address it comes from). 0 turns a limit off. The
 * counters live in Postgres, so replicas share them. Over a limit: 429 RATE_LIMITED as
 * problem+json with Retry-After (the seconds left in the window). Every answer carries
 * X-RateLimit-Limit / -Remaining / -Reset for the tighter of the two.
 *
 * Written here rather than with @nestjs/throttler: its 6.x build is CommonJS and requires
 * @nestjs/common, which Nest 12 ships as ESM only, so it cannot load in the jest runtime the
 * gateway's in-process tests use. The counting (one upsert per limit) is ours either way.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly counters: RateCounters,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (ROUTE_POLICY[routeKeyOf(context.getClass(), context.getHandler()) ?? ''] === PUBLIC) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = apiKeyOf(request);
    const limits = [
      {
        per: 'client address',
        limit: this.config.RATE_LIMIT_PER_ADDRESS,
        tracker: `address:${request.ip ?? 'unknown'}`,
      },
      ...(key ? [{ per: 'API key', limit: this.config.RATE_LIMIT_PER_KEY, tracker: `key:${hashKey(key)}` }] : []),
    ].filter((l) => l.limit > 0);
    let tightest: { limit: number; remaining: number; reset: number } | undefined;
    for (const { per, limit, tracker } of limits) {
      const { hits, secondsLeft } = await this.counters.count(tracker, this.config.RATE_LIMIT_WINDOW_MS);
      const remaining = Math.max(0, limit - hits);
      if (!tightest || remaining < tightest.remaining) tightest = { limit, remaining, reset: secondsLeft };
      if (hits > limit) {
        const windowSeconds = this.config.RATE_LIMIT_WINDOW_MS / 1000;
        throw new DomainError(
          'RATE_LIMITED',
          `Too many requests for this ${per}: at most ${limit} per ${windowSeconds} s; retry in ${secondsLeft} s`,
          { limit, windowSeconds, retryAfterSeconds: secondsLeft },
        );
      }
    }
    if (tightest) {
      response.setHeader('X-RateLimit-Limit', String(tightest.limit));
      response.setHeader('X-RateLimit-Remaining', String(tightest.remaining));
      response.setHeader('X-RateLimit-Reset', String(tightest.reset));
    }
    return true;
  }
}
