import { IsIn, IsInt, Min } from 'class-validator';
import { ServiceConfig } from '#platform';

export class OrdersConfig extends ServiceConfig {
  override PORT = 3001;

  /** Time allowed for pricing and inventory to answer while an order is placed. */
  @IsInt({ message: 'ORDERS_DOWNSTREAM_TIMEOUT_MS must be an integer' })
  @Min(100)
  ORDERS_DOWNSTREAM_TIMEOUT_MS: number = 10000;

  /**
   * A placement that took longer than this from its reservation to its commit is rolled back
   * (its reservation released) instead of committed. Inventory releases reservations that no
   * committed order claims after RESERVATION_CONFIRM_AFTER_MS (default 120 s), which must stay
   * above this, so an order can never commit over stock already given back.
   */
  @IsInt({ message: 'ORDERS_PLACEMENT_DEADLINE_MS must be an integer' })
  @Min(1000)
  ORDERS_PLACEMENT_DEADLINE_MS: number = 60000;

  /** Line status of a new line that has stock, for customers who do not prepay (prepaid lines start PROFORMA). */
  @IsIn(['ACTIVE', 'PROFORMA'], { message: 'ORDERS_DEFAULT_LINE_STATUS must be ACTIVE or PROFORMA' })
  ORDERS_DEFAULT_LINE_STATUS: 'ACTIVE' | 'PROFORMA' = 'ACTIVE';

  /** How often recurring templates are processed for today (0 turns the schedule off; runs on demand still work). */
  @Min(0)
  @IsInt({ message: 'RECURRING_RUN_EVERY_MS must be an integer' })
  RECURRING_RUN_EVERY_MS: number = 3_600_000;
}
