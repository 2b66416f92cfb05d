import { IsIn, IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '#platform';

export class InventoryConfig extends ServiceConfig {
  override PORT = 3002;

  /**
   * `auto`: waiting back-orders are served as soon as stock arrives (receipt, transfer in,
   * restocked return, positive adjustment, supplier feed, released reservation).
   * `manual`: they wait for a release run (POST /backorders/release).
   */
  @IsIn(['auto', 'manual'], { message: 'BACKORDER_RELEASE must be auto or manual' })
  BACKORDER_RELEASE: 'auto' | 'manual' = 'auto';

  /** A supplier feed row counted longer ago than this is stale and rejected. */
  // class-validator checks the lowest decorator first: the type, then the range.
  @Min(1)
  @Max(24 * 365)
  @IsInt({ message: 'SUPPLIER_FEED_MAX_AGE_HOURS must be an integer' })
  SUPPLIER_FEED_MAX_AGE_HOURS: number = 72;
}
