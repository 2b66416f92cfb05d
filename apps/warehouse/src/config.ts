import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '#platform';

export class WarehouseConfig extends ServiceConfig {
  override PORT = 3003;

  /**
   * How long a successful scanner API key verification is trusted before asking the gateway
   * again: at most a second, so a revoked key stops working within one.
   */
  @IsInt({ message: 'SCANNER_KEY_CACHE_MS must be an integer' })
  @Min(0, { message: 'SCANNER_KEY_CACHE_MS must be between 0 and 1000' })
  @Max(1000, { message: 'SCANNER_KEY_CACHE_MS must be between 0 and 1000' })
  SCANNER_KEY_CACHE_MS: number = 1000;
}
