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
}
