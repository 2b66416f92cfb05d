import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderPlacedEvent } from '#contracts';
import { lockItems } from '../common/stock-locks.js';
import { BackorderReleaseService } from './backorder-release.service.js';
import { rows } from '#platform';

/**
 * Orders reports an order placed only after it stored the lines inventory reserved for.
 * Until then a back-ordered line is not released: its order may still fail and be
 * released, and the warehouse needs the order number to pick it.
 */
@Injectable()
export class OrderConfirmationService {
  constructor(private readonly release: BackorderReleaseService) {}

  async confirm(
    em: EntityManager,
    order: Pick<OrderPlacedEvent, 'orderId' | 'number' | 'orderDate' | 'type'>,
  ): Promise<void> {
    const items = await rows<{ item_id: string }>(
      em,
      `SELECT DISTINCT item_id FROM inventory.reserve_lines WHERE order_id = $1 AND backordered > 0`,
      [order.orderId],
    );
    // Stock rows first (the global lock order), then the order's lines.
    const held = await lockItems(
      em,
      items.map((i) => i.item_id),
    );
    await em.query(
      `UPDATE inventory.reserve_lines SET order_number = $2, order_date = $3, order_type = $4 WHERE order_id = $1 AND order_number IS NULL`,
      [order.orderId, order.number, order.orderDate, order.type ?? 'ORDER'],
    );
    // Stock may have arrived while the order was being placed.
    await this.release.afterStockArrived(em, held);
  }
}
