import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OrderPlacedEvent, orderTypeRule } from '#contracts';
import { OrderConfirmationService } from '../backorders/order-confirmation.service.js';
import { ReservationReleaseService } from './reservation-release.service.js';

/**
 * Orders reports an order placed. Its back-ordered lines become releasable; an order handed
 * over at entry (a one-step invoice, a counter sale) takes what it reserved off on hand at once.
 */
@Injectable()
export class OrderPlacedService {
  constructor(
    private readonly confirmation: OrderConfirmationService,
    private readonly releases: ReservationReleaseService,
  ) {}

  async apply(em: EntityManager, order: OrderPlacedEvent): Promise<void> {
    if (orderTypeRule(order.type).handedOverAtEntry) {
      await this.releases.releaseIn(em, { orderId: order.orderId }, 'HANDED_OVER');
      return;
    }
    await this.confirmation.confirm(em, order);
  }
}
