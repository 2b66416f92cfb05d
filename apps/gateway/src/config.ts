import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { ServiceConfig } from '#platform';

export class GatewayConfig extends ServiceConfig {
  override PORT = 3000;

  /** When set, this key is stored (hashed) as the `bootstrap-admin` key at start-up. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{16,128}$/, { message: 'ADMIN_API_KEY must be 16-128 letters, digits, _ or -' })
  ADMIN_API_KEY?: string;

  /** Time allowed for a service to place an order (it calls pricing and inventory in turn). */
  @IsInt({ message: 'GATEWAY_COMMAND_TIMEOUT_MS must be an integer' })
  @Min(100)
  GATEWAY_COMMAND_TIMEOUT_MS: number = 15000;

  /**
   * How long a request with an `Idempotency-Key` holds the key while it runs. A retry within the
   * lease gets 409 with Retry-After; after it (the first attempt died or its outcome could not be
   * recorded) the retry runs again, and services that record the key (orders) answer with what the
   * first attempt made. Must exceed GATEWAY_COMMAND_TIMEOUT_MS.
   */
  @IsInt({ message: 'IDEMPOTENCY_LEASE_MS must be an integer' })
  @Min(1000)
  IDEMPOTENCY_LEASE_MS: number = 30000;

  /** Requests one client address may make per RATE_LIMIT_WINDOW_MS, over all routes; 0 = no limit. */
  @IsInt({ message: 'RATE_LIMIT_PER_ADDRESS must be an integer' })
  @Min(0, { message: 'RATE_LIMIT_PER_ADDRESS must be 0 (off) or more' })
  RATE_LIMIT_PER_ADDRESS: number = 20000;

  /** Requests one API key may make per RATE_LIMIT_WINDOW_MS, over all routes and addresses; 0 = no limit. */
  @IsInt({ message: 'RATE_LIMIT_PER_KEY must be an integer' })
  @Min(0, { message: 'RATE_LIMIT_PER_KEY must be 0 (off) or more' })
  RATE_LIMIT_PER_KEY: number = 10000;

  /** Wrong API keys one address may send per RATE_LIMIT_WINDOW_MS before it gets 429; 0 = no limit. */
  @IsInt({ message: 'AUTH_FAILURE_LIMIT_PER_ADDRESS must be an integer' })
  @Min(0, { message: 'AUTH_FAILURE_LIMIT_PER_ADDRESS must be 0 (off) or more' })
  AUTH_FAILURE_LIMIT_PER_ADDRESS: number = 30;

  /** Most API-key hashes (known or not) the gateway remembers at once; the least recently used go first. */
  @IsInt({ message: 'GATEWAY_KEY_CACHE_MAX must be an integer' })
  @Min(1, { message: 'GATEWAY_KEY_CACHE_MAX must be at least 1' })
  GATEWAY_KEY_CACHE_MAX: number = 10000;

  /** Length of the rate-limit windows, in ms. */
  @IsInt({ message: 'RATE_LIMIT_WINDOW_MS must be an integer' })
  @Min(1000, { message: 'RATE_LIMIT_WINDOW_MS must be at least 1000' })
  RATE_LIMIT_WINDOW_MS: number = 60000;

  /**
   * Express's `trust proxy`: behind a load balancer or ingress, the hops to trust when taking the
   * client address from X-Forwarded-For (a number of hops, or false). Off by default: a client
   * could otherwise choose its own address and escape the per-address limits.
   */
  @Matches(/^(false|true|\d{1,2})$/, { message: 'GATEWAY_TRUST_PROXY must be false, true or a number of hops' })
  GATEWAY_TRUST_PROXY: string = 'false';
}
