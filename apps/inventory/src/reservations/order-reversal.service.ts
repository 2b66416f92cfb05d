import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReverseOrderStockReply, ReverseOrderStockRequest, ReversedShipment } from '#contracts';
import { AllocationViews } from '../common/allocation-views.service.js';
import { ledgerActor } from '../common/stock-ledger.js';
import { lockItems } from '../common/stock-locks.js';
import { lockOrder } from './order-lock.js';
import { ReservationReleaseService } from './reservation-release.service.js';
import { rows } from '#platform';

/** The ledger reference of units put back by a reversal, so that a repeated reversal puts back nothing more. */
const REVERSAL = 'REVERSAL';

interface Shipped {
  order_line_id: string;
  item_id: string;
  location_id: string;
  sku: string;
  quantity: number;
}

/**
 * Re-opening an order undoes its stock movements: every unit its lines shipped (net of what
 * an earlier reversal put back) returns to on hand where it left, and what the lines hold
 * is released, so orders can reserve the lines again. The freed units wait for that
 * reservation rather than going to other back-orders. Safe to repeat.
 */
@Injectable()
export class OrderReversalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releases: ReservationReleaseService,
    private readonly views: AllocationViews,
  ) {}

  async reverse(request: ReverseOrderStockRequest): Promise<ReverseOrderStockReply> {
    return this.dataSource.transaction(async (em) => {
      await lockOrder(em, request.orderId);
      const shipped = await netShipped(em, request);
      const waiting = await rows<{ item_id: string }>(
        em,
        `SELECT DISTINCT item_id FROM inventory.reserve_lines WHERE order_id = $1`,
        [request.orderId],
      );
      await lockItems(em, [...shipped.map((s) => s.item_id), ...waiting.map((w) => w.item_id)]);
      await putBack(em, request, shipped);
      const { released } = await this.releases.releaseIn(
        em,
        { orderId: request.orderId, lineIds: request.lineIds },
        'RELEASED',
        false,
      );
      const restocked: ReversedShipment[] = [];
      for (const s of shipped) {
        const location = await this.views.location(s.location_id, em);
        restocked.push({ lineId: s.order_line_id, sku: s.sku, locationCode: location.code, quantity: s.quantity });
      }
      return { orderId: request.orderId, restocked, released };
    });
  }
}

/** Per line and location: units shipped minus units an earlier reversal put back. */
async function netShipped(em: EntityManager, request: ReverseOrderStockRequest): Promise<Shipped[]> {
  return rows<Shipped>(
    em,
    `SELECT g.order_line_id, g.item_id, g.location_id, i.sku,
            (-sum(g.on_hand_delta) FILTER (WHERE g.kind = 'SHIPMENT')
             - COALESCE(sum(g.on_hand_delta) FILTER (WHERE g.kind = 'RETURN_RESTOCK' AND g.reference = '${REVERSAL}'), 0))::int AS quantity
       FROM inventory.ledger g JOIN inventory.items i ON i.id = g.item_id
      WHERE g.order_id = $1 AND ($2::uuid[] IS NULL OR g.order_line_id = ANY($2::uuid[])) AND g.order_line_id IS NOT NULL
      GROUP BY g.order_line_id, g.item_id, g.location_id, i.sku
     HAVING -sum(g.on_hand_delta) FILTER (WHERE g.kind = 'SHIPMENT')
            - COALESCE(sum(g.on_hand_delta) FILTER (WHERE g.kind = 'RETURN_RESTOCK' AND g.reference = '${REVERSAL}'), 0) > 0
      ORDER BY g.item_id, g.location_id`,
    [request.orderId, request.lineIds ?? null],
  );
}

/** Puts the shipped units back on hand and writes the ledger, in one statement. */
async function putBack(em: EntityManager, request: ReverseOrderStockRequest, shipped: Shipped[]): Promise<void> {
  if (shipped.length === 0) return;
  const { actor, requestId } = ledgerActor();
  await em.query(
    `WITH back AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[]) AS b(order_line_id, item_id, location_id, quantity)),
          per_row AS (SELECT item_id, location_id, sum(quantity)::int AS quantity FROM back GROUP BY item_id, location_id),
          stock AS (INSERT INTO inventory.stock AS s (item_id, location_id, on_hand) SELECT item_id, location_id, quantity FROM per_row
                    ON CONFLICT (item_id, location_id) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand)
     INSERT INTO inventory.ledger (item_id, location_id, kind, on_hand_delta, reserved_delta, order_line_id, order_id, reference, reason, actor, request_id)
     SELECT item_id, location_id, 'RETURN_RESTOCK', quantity, 0, order_line_id, $5, '${REVERSAL}', $6, $7, $8 FROM back`,
    [
      shipped.map((s) => s.order_line_id),
      shipped.map((s) => s.item_id),
      shipped.map((s) => s.location_id),
      shipped.map((s) => s.quantity),
      request.orderId,
      `order re-opened: ${request.reason ?? 'no reason given'}`,
      actor,
      requestId,
    ],
  );
}
