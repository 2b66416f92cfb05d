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

  /**
   * A reservation whose order has not been confirmed (no `order placed`) this long after it was
   * made is checked with orders, and released when orders has no such order (it died, or its
   * commit failed, after reserving). Must stay above orders' ORDERS_PLACEMENT_DEADLINE_MS.
   */
  @Min(1000)
  @IsInt({ message: 'RESERVATION_CONFIRM_AFTER_MS must be an integer' })
  RESERVATION_CONFIRM_AFTER_MS: number = 120_000;

  /** How often unconfirmed reservations are swept; 0 turns the sweep off. */
  @Min(0)
  @IsInt({ message: 'RESERVATION_SWEEP_EVERY_MS must be an integer' })
  RESERVATION_SWEEP_EVERY_MS: number = 15_000;
}
