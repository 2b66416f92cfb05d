import { IsInt, Min } from 'class-validator';
import { ServiceConfig } from '#platform';

export class WarehouseConfig extends ServiceConfig {
  override PORT = 3003;

  /** How long a successful scanner API key verification is trusted before asking the gateway again. */
  @IsInt({ message: 'SCANNER_KEY_CACHE_MS must be an integer' })
  @Min(0)
  SCANNER_KEY_CACHE_MS: number = 30_000;
}
