import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  LinesAddedEvent,
  LinesChangedEvent,
  LinesEditedEvent,
  OrderBackorderedEvent,
  OrderReopenedEvent,
} from '#contracts';
import { OutboxService, rows } from '#platform';
import { takeLinesOffTickets } from '../pick-tickets/line-closing.js';
import { voidTicketsOfOrder } from '../pick-tickets/ticket-closing.js';
import { pickDemandStatus } from './pick-demand.machine.js';
import { isPickable } from './pickable.js';

/**
 * Follows what people do to order lines: a held line is not ticketed until made active; a
 * cancelled, terminated or pre-shipped line leaves open pick demand. A line held, cancelled or
 * terminated after its ticket was printed is taken off that ticket unless it is packed
 * already (see {@link takeLinesOffTickets}).
 */
@Injectable()
export class LineChangesService {
  constructor(private readonly outbox: OutboxService) {}

  async apply(em: EntityManager, change: LinesChangedEvent): Promise<void> {
    const lineIds = change.lines.map((l) => l.lineId);
    switch (change.action) {
      case 'HELD':
      case 'ACTIVATED':
        if (change.action === 'HELD') await takeLinesOffTickets(em, this.outbox, lineIds, 'HELD');
        await em.query(`UPDATE warehouse.pick_demand SET held = $2 WHERE order_line_id = ANY($1::uuid[])`, [
          lineIds,
          change.action === 'HELD',
        ]);
        return;
      case 'CANCELLED':
      case 'TERMINATED':
      case 'PRE_SHIPPED':
      case 'REMOVED':
        if (change.action === 'CANCELLED' || change.action === 'TERMINATED')
          await takeLinesOffTickets(em, this.outbox, lineIds, change.action);
        await em.query(`DELETE FROM warehouse.pick_demand WHERE order_line_id = ANY($1::uuid[]) AND status = 'OPEN'`, [
          lineIds,
        ]);
        return;
      case 'CHANGED':
      case 'ADDED':
        // The line's stock was reserved anew: its open demand follows the new allocations.
        await em.query(`DELETE FROM warehouse.pick_demand WHERE order_line_id = ANY($1::uuid[]) AND status = 'OPEN'`, [
          lineIds,
        ]);
        await this.demandFromAllocations(em, change);
        return;
    }
  }

  private async demandFromAllocations(em: EntityManager, change: LinesEditedEvent | LinesAddedEvent): Promise<void> {
    const demand = change.lines.flatMap((line) =>
      line.allocations
        .filter(isPickable)
        .map((a) => ({ lineId: line.lineId, sku: line.sku, location: a.locationCode, quantity: a.quantity })),
    );
    if (demand.length === 0) return;
    await em.query(
      `INSERT INTO warehouse.pick_demand (order_id, order_number, order_date, order_line_id, sku, location_code, quantity)
       SELECT $1::uuid, $2::text, coalesce($3::timestamptz, now()), d.* FROM unnest($4::uuid[], $5::text[], $6::text[], $7::int[]) AS d
       ON CONFLICT (order_line_id, location_code) DO NOTHING`,
      [
        change.orderId,
        change.orderNumber,
        change.orderDate ?? null,
        demand.map((d) => d.lineId),
        demand.map((d) => d.sku),
        demand.map((d) => d.location),
        demand.map((d) => d.quantity),
      ],
    );
  }

  /**
   * A re-opened order starts over: its tickets that have not shipped are voided (so nothing
   * picked or packed before the re-open ships beside the new ticket), and each line's demand
   * (even a row ticketed and shipped before the re-open) becomes open demand for its new
   * allocation again. Its open rows are replaced, so a row still there is TICKETED and must
   * move to OPEN; one that does not is reported.
   */
  async reopened(em: EntityManager, reopened: OrderReopenedEvent): Promise<void> {
    await voidTicketsOfOrder(em, this.outbox, reopened.orderId, `order ${reopened.orderNumber} was re-opened`);
    await em.query(`DELETE FROM warehouse.pick_demand WHERE order_line_id = ANY($1::uuid[]) AND status = 'OPEN'`, [
      reopened.lines.map((l) => l.lineId),
    ]);
    const demand = reopened.lines.flatMap((line) =>
      line.allocations
        .filter(isPickable)
        .map((a) => ({ lineId: line.lineId, sku: line.sku, location: a.locationCode, quantity: a.quantity })),
    );
    if (demand.length === 0) return;
    const written = await rows(
      em,
      `INSERT INTO warehouse.pick_demand (order_id, order_number, order_date, order_line_id, sku, location_code, quantity)
       SELECT $1::uuid, $2::text, $3::timestamptz, d.* FROM unnest($4::uuid[], $5::text[], $6::text[], $7::int[]) AS d
       ON CONFLICT (order_line_id, location_code) DO UPDATE SET status = 'OPEN', pick_ticket_id = NULL, quantity = EXCLUDED.quantity, held = false
        WHERE warehouse.pick_demand.status = ANY($8::text[])
       RETURNING id`,
      [
        reopened.orderId,
        reopened.orderNumber,
        reopened.orderDate,
        demand.map((d) => d.lineId),
        demand.map((d) => d.sku),
        demand.map((d) => d.location),
        demand.map((d) => d.quantity),
        pickDemandStatus.into('OPEN'),
      ],
    );
    pickDemandStatus.assertMoved(
      'OPEN',
      written.length,
      demand.length,
      `Pick demand of re-opened ${reopened.orderNumber}`,
    );
  }

  /** The unfilled remainder moved to a Backorder: its open demand now belongs to the Backorder's lines. */
  async moveToBackorder(em: EntityManager, moved: OrderBackorderedEvent): Promise<void> {
    await em.query(
      `UPDATE warehouse.pick_demand d SET order_line_id = m.line_id, order_id = $3, order_number = $4
         FROM unnest($1::uuid[], $2::uuid[]) AS m(from_line_id, line_id)
        WHERE d.order_line_id = m.from_line_id AND d.status = 'OPEN'`,
      [
        moved.lines.map((l) => l.fromLineId),
        moved.lines.map((l) => l.lineId),
        moved.backorderId,
        moved.backorderNumber,
      ],
    );
  }
}
