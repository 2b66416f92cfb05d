import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OrderPlacedEvent, orderTypeRule } from '#contracts';
import { rows } from '#platform';
import { isPickable } from './pickable.js';

/** Turns placed orders into pick demand: one row per order line and ship-from location. */
@Injectable()
export class PickDemandService {
  /**
   * Records every allocation of the order's lines. Runs in the consumer's inbox transaction;
   * the unique (order line, location) key makes a second copy of the same order (for
   * example re-published under a new event id) change nothing.
   */
  async recordOrder(em: EntityManager, order: OrderPlacedEvent): Promise<number> {
    // A one-step invoice order is handed over at the counter: nothing to pick.
    if (!orderTypeRule(order.type).picked) return 0;
    const demand = order.lines.flatMap((line) =>
      line.allocations.filter(isPickable).map((allocation) => ({
        lineId: line.lineId,
        sku: line.sku,
        locationCode: allocation.locationCode,
        quantity: allocation.quantity,
        // A prepaid line waiting for its payment is not picked until it turns ACTIVE.
        held: line.lineStatus === 'PROFORMA',
      })),
    );
    if (demand.length === 0) return 0;
    const inserted = await rows<{ id: string }>(
      em,
      `INSERT INTO warehouse.pick_demand (order_id, order_number, order_date, order_line_id, sku, location_code, quantity, held)
       SELECT $1::uuid, $2::text, $3::timestamptz, d.* FROM unnest($4::uuid[], $5::text[], $6::text[], $7::int[], $8::boolean[]) AS d
       ON CONFLICT (order_line_id, location_code) DO NOTHING
       RETURNING id`,
      [
        order.orderId,
        order.number,
        order.orderDate,
        demand.map((d) => d.lineId),
        demand.map((d) => d.sku),
        demand.map((d) => d.locationCode),
        demand.map((d) => d.quantity),
        demand.map((d) => d.held),
      ],
    );
    return inserted.length;
  }
}
