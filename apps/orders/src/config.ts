import { IsInt, Min } from 'class-validator';
import { ServiceConfig } from '#platform';

export class OrdersConfig extends ServiceConfig {
  override PORT = 3001;

  /** Time allowed for pricing and inventory to answer while an order is placed. */
  @IsInt({ message: 'ORDERS_DOWNSTREAM_TIMEOUT_MS must be an integer' })
  @Min(100)
  ORDERS_DOWNSTREAM_TIMEOUT_MS: number = 10000;
}
