import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderBackorderedEvent } from '#contracts';
import { lockItems } from '../common/stock-locks.js';
import { lockOrder } from './order-lock.js';
import { rows } from '#platform';

/**
 * When orders moves the unfilled remainder of an order to a new Backorder, what inventory
 * holds and what still waits for each line moves with it to the Backorder's line: the
 * reservations and the back-ordered demand are re-keyed, stock itself does not change.
 */
@Injectable()
export class LineTransferService {
  async transfer(em: EntityManager, event: OrderBackorderedEvent): Promise<void> {
    for (const orderId of [event.fromOrderId, event.backorderId].sort()) await lockOrder(em, orderId);
    const fromIds = event.lines.map((l) => l.fromLineId);
    const items = await rows<{ item_id: string }>(
      em,
      `SELECT DISTINCT item_id FROM inventory.reserve_lines WHERE order_line_id = ANY($1::uuid[])`,
      [fromIds],
    );
    // Stock rows first (the global lock order), then the lines.
    await lockItems(
      em,
      items.map((i) => i.item_id),
    );
    await em.query(
      `WITH m AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS m(from_id, to_id, quantity)),
            held AS (UPDATE inventory.reservations r SET order_line_id = m.to_id, order_id = $4 FROM m WHERE r.order_line_id = m.from_id)
       UPDATE inventory.reserve_lines b
          SET order_line_id = m.to_id, order_id = $4, order_number = $5, order_type = 'BACKORDER',
              requested = m.quantity, backordered = LEAST(b.backordered, m.quantity)
         FROM m WHERE b.order_line_id = m.from_id`,
      [
        fromIds,
        event.lines.map((l) => l.lineId),
        event.lines.map((l) => l.quantity),
        event.backorderId,
        event.backorderNumber,
      ],
    );
  }
}
