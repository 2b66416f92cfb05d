import { Injectable, Logger } from '@nestjs/common';
import { InventorySubjects } from '#contracts';
import { ServiceClient } from '#platform';

/**
 * Gives back the stock of cancelled or terminated lines at once. Reservations are keyed by
 * line, so releasing twice is harmless; inventory also releases them from the
 * `lines changed` event, which covers the case where this call fails.
 */
@Injectable()
export class StockRelease {
  private readonly logger = new Logger('StockRelease');

  constructor(private readonly services: ServiceClient) {}

  async now(orderId: string, lineIds?: string[]): Promise<void> {
    try {
      await this.services.request(InventorySubjects.release, { orderId, lineIds });
    } catch (error) {
      this.logger.warn(
        { orderId, lineIds, err: error },
        'releasing stock failed; the lines-changed event will release it',
      );
    }
  }
}
