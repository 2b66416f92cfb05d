import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReleaseStockReply, ReleaseStockRequest } from '#contracts';
import { rows } from '#platform';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { ledgerActor } from '../common/stock-ledger.js';
import { lockItems } from '../common/stock-locks.js';
import { lockOrder } from './order-lock.js';

/**
 * Releases what an order (or some of its lines) holds and forgets what they were waiting
 * for. Releasing twice releases nothing more. The freed stock goes to waiting back-orders.
 */
@Injectable()
export class ReservationReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backorders: BackorderReleaseService,
  ) {}

  async release(request: ReleaseStockRequest): Promise<ReleaseStockReply> {
    return this.dataSource.transaction((em) => this.releaseIn(em, request, 'RELEASED'));
  }

  /**
   * In the caller's transaction. RELEASED gives the units back to stock (and to waiting
   * back-orders); HANDED_OVER takes them out of on hand as shipped (a line pre-shipped at the
   * counter). Either way the lines stop waiting for anything.
   */
  async releaseIn(
    em: EntityManager,
    request: ReleaseStockRequest,
    outcome: ReleaseOutcome,
    serveBackorders = true,
  ): Promise<ReleaseStockReply> {
    await lockOrder(em, request.orderId);
    const lineFilter = request.lineIds ? `AND order_line_id = ANY($2::uuid[])` : '';
    const params: unknown[] = request.lineIds ? [request.orderId, request.lineIds] : [request.orderId];
    const items = await rows<{ item_id: string }>(
      em,
      `SELECT DISTINCT item_id FROM inventory.reserve_lines WHERE order_id = $1 ${lineFilter}`,
      params,
    );
    const held = await lockItems(
      em,
      items.map((i) => i.item_id),
    );
    const { actor, requestId } = ledgerActor();
    const freed = await rows<{ item_id: string; location_id: string; quantity: number }>(
      em,
      releaseSql(lineFilter, params.length, outcome),
      [...params, actor, requestId],
    );
    await em.query(`DELETE FROM inventory.reserve_lines WHERE order_id = $1 ${lineFilter}`, params);
    if (outcome === 'RELEASED' && serveBackorders) {
      const more = new Map(freed.map((f) => [`${f.item_id}|${f.location_id}`, f.quantity]));
      await this.backorders.afterStockArrived(
        em,
        held.map((h) => ({ ...h, available: h.available + (more.get(`${h.itemId}|${h.locationId}`) ?? 0) })),
      );
    }
    return { released: freed.reduce((sum, f) => sum + f.quantity, 0) };
  }
}

export type ReleaseOutcome = 'RELEASED' | 'HANDED_OVER';

/** Deletes the reservations, gives the units back to stock (or out of it) and writes the ledger, in one statement. */
function releaseSql(lineFilter: string, n: number, outcome: ReleaseOutcome): string {
  const out = outcome === 'HANDED_OVER';
  return `WITH gone AS (
           DELETE FROM inventory.reservations WHERE order_id = $1 ${lineFilter}
           RETURNING order_line_id, order_id, item_id, location_id, quantity
         ), per_row AS (
           SELECT item_id, location_id, sum(quantity)::int AS quantity FROM gone GROUP BY item_id, location_id
         ), stock AS (
           UPDATE inventory.stock s SET reserved = s.reserved - p.quantity${out ? ', on_hand = s.on_hand - p.quantity' : ''} FROM per_row p
            WHERE s.item_id = p.item_id AND s.location_id = p.location_id
         ), logged AS (
           INSERT INTO inventory.ledger (item_id, location_id, kind, on_hand_delta, reserved_delta, order_line_id, order_id, reason, actor, request_id)
           SELECT item_id, location_id, ${out ? `'SHIPMENT', -quantity` : `'RELEASE', 0`}, -quantity, order_line_id, order_id,
                  ${out ? `'handed over at the counter'` : `'reservation released'`}, $${n + 1}::text, $${n + 2}::text FROM gone
         )
         SELECT item_id, location_id, quantity FROM per_row`;
}
