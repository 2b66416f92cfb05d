import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Allocation, type BackorderReleasedEvent, orderTypeRule } from '#contracts';
import { RetryLaterError, rows } from '#platform';
import { pickDemandStatus } from './pick-demand.machine.js';
import { isPickable } from './pickable.js';

type ReleasedLine = BackorderReleasedEvent['lines'][number];

/**
 * Back-ordered units inventory released become pick demand at our locations (a supplier
 * ships its own). Runs in the consumer's inbox transaction, so a redelivered release adds
 * nothing twice.
 */
@Injectable()
export class ReleasedDemandService {
  async record(em: EntityManager, release: BackorderReleasedEvent): Promise<void> {
    // A one-step invoice order is handed over at the counter: nothing to pick.
    if (!orderTypeRule(release.orderType).picked) return;
    for (const line of release.lines) {
      for (const allocation of line.allocations.filter(isPickable)) await this.add(em, release, line, allocation);
    }
  }

  /**
   * Adds the units to the line's open demand at the location (a new row if it has none
   * there). When that demand is on a pick ticket, the row is used again once the ticket is
   * packed (packing has already put back what it did not pack); until then the event waits.
   */
  private async add(
    em: EntityManager,
    release: BackorderReleasedEvent,
    line: ReleasedLine,
    allocation: Allocation,
  ): Promise<void> {
    const added = await rows(
      em,
      `INSERT INTO warehouse.pick_demand (order_id, order_number, order_date, order_line_id, sku, location_code, quantity, held)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               COALESCE((SELECT bool_or(held) FROM warehouse.pick_demand WHERE order_line_id = $4), false))
       ON CONFLICT (order_line_id, location_code)
         DO UPDATE SET quantity = warehouse.pick_demand.quantity + EXCLUDED.quantity WHERE warehouse.pick_demand.status = 'OPEN'
       RETURNING id`,
      [
        release.orderId,
        release.orderNumber,
        release.orderDate,
        line.lineId,
        line.sku,
        allocation.locationCode,
        allocation.quantity,
      ],
    );
    if (added.length > 0) return;
    const reused = await rows(
      em,
      `UPDATE warehouse.pick_demand d SET status = 'OPEN', pick_ticket_id = NULL, quantity = $3
         FROM warehouse.pick_tickets t
        WHERE d.order_line_id = $1 AND d.location_code = $2 AND d.status = ANY($4::text[])
          AND t.id = d.pick_ticket_id AND t.status IN ('PACKED', 'SHIPPED')
       RETURNING d.id`,
      [line.lineId, allocation.locationCode, allocation.quantity, pickDemandStatus.into('OPEN')],
    );
    if (reused.length === 0) {
      throw new RetryLaterError(
        `line ${line.lineId} of ${release.orderNumber} is on a pick ticket at ${allocation.locationCode} that is not packed yet`,
      );
    }
  }
}
