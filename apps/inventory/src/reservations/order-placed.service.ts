import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderPlacedEvent } from '#contracts';
import { OrderConfirmationService } from '../backorders/order-confirmation.service.js';
import { ReservationReleaseService } from './reservation-release.service.js';

/**
 * Orders reports an order placed. Its back-ordered lines become releasable; a one-step
 * invoice order is a counter sale, handed over at entry, so what it reserved leaves on hand.
 */
@Injectable()
export class OrderPlacedService {
  constructor(
    private readonly confirmation: OrderConfirmationService,
    private readonly releases: ReservationReleaseService,
  ) {}

  async apply(em: EntityManager, order: OrderPlacedEvent): Promise<void> {
    if (order.type === 'INVOICE') {
      await this.releases.releaseIn(em, { orderId: order.orderId }, 'HANDED_OVER');
      return;
    }
    await this.confirmation.confirm(em, order);
  }
}
