import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LinesChangedEvent, OrderBackorderedEvent } from '#contracts';

/**
 * Follows what people do to order lines: a held line is not ticketed until made active; a
 * cancelled, terminated or pre-shipped line leaves open pick demand (a ticket already
 * printed stays, and is picked or voided on the floor).
 */
@Injectable()
export class LineChangesService {
  async apply(em: EntityManager, change: LinesChangedEvent): Promise<void> {
    const lineIds = change.lines.map((l) => l.lineId);
    switch (change.action) {
      case 'HELD':
      case 'ACTIVATED':
        await em.query(`UPDATE warehouse.pick_demand SET held = $2 WHERE order_line_id = ANY($1::uuid[])`, [lineIds, change.action === 'HELD']);
        return;
      case 'CANCELLED':
      case 'TERMINATED':
      case 'PRE_SHIPPED':
        await em.query(`DELETE FROM warehouse.pick_demand WHERE order_line_id = ANY($1::uuid[]) AND status = 'OPEN'`, [lineIds]);
        return;
    }
  }

  /** The unfilled remainder moved to a Backorder: its open demand now belongs to the Backorder's lines. */
  async moveToBackorder(em: EntityManager, moved: OrderBackorderedEvent): Promise<void> {
    await em.query(
      `UPDATE warehouse.pick_demand d SET order_line_id = m.line_id, order_id = $3, order_number = $4
         FROM unnest($1::uuid[], $2::uuid[]) AS m(from_line_id, line_id)
        WHERE d.order_line_id = m.from_line_id AND d.status = 'OPEN'`,
      [moved.lines.map((l) => l.fromLineId), moved.lines.map((l) => l.lineId), moved.backorderId, moved.backorderNumber],
    );
  }
}
