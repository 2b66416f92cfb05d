import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Allocation,
  InventorySubjects,
  type MoveReservationReply,
  type MoveReservationRequest,
  type ReservationMovedEvent,
} from '#contracts';
import { DomainError, maybeRow, OutboxService, rows } from '#platform';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { AllocationViews } from '../common/allocation-views.service.js';
import { type LocationRef, locationByCode } from '../common/lookups.js';
import { recordMovements } from '../common/stock-ledger.js';
import { lockRows } from '../common/stock-locks.js';
import { lockOrder } from './order-lock.js';
import { reservationState } from './reservation-state.query.js';

interface LineRow {
  order_id: string;
  item_id: string;
  sku: string;
}

/** Moves (part of) a line's reservation to another location that has the units available. */
@Injectable()
export class ReservationMoveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backorders: BackorderReleaseService,
    private readonly outbox: OutboxService,
    private readonly views: AllocationViews,
  ) {}

  async move(request: MoveReservationRequest): Promise<MoveReservationReply> {
    if (request.fromLocationCode === request.toLocationCode) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `A reservation cannot move from ${request.fromLocationCode} to the same location`,
        {
          fields: [{ field: 'toLocationCode', problems: ['toLocationCode must differ from fromLocationCode'] }],
        },
      );
    }
    return this.dataSource.transaction(async (em) => {
      const line = await this.line(em, request.orderLineId);
      await lockOrder(em, line.order_id);
      const from = await locationByCode(em, request.fromLocationCode);
      const to = await locationByCode(em, request.toLocationCode);
      const held = await lockRows(em, [
        { itemId: line.item_id, locationId: from.id },
        { itemId: line.item_id, locationId: to.id },
      ]);
      const quantity = request.quantity ?? (await this.heldAt(em, request.orderLineId, from));
      await this.take(em, request.orderLineId, line, to, quantity);
      await this.give(em, request.orderLineId, line, from, quantity);
      const allocations = await this.record(em, request.orderLineId, line, from, to, quantity);
      const freedAt = held
        .filter((h) => h.locationId === from.id)
        .map((h) => ({ ...h, available: h.available + quantity }));
      await this.backorders.afterStockArrived(em, freedAt);
      return { orderLineId: request.orderLineId, moved: quantity, allocations };
    });
  }

  /** The ledger rows and the `reservation moved` event; returns where the line is reserved now. */
  private async record(
    em: EntityManager,
    orderLineId: string,
    line: LineRow,
    from: LocationRef,
    to: LocationRef,
    quantity: number,
  ): Promise<Allocation[]> {
    const common = { itemId: line.item_id, onHandDelta: 0, orderLineId, orderId: line.order_id };
    await recordMovements(em, [
      { ...common, locationId: from.id, kind: 'RELEASE', reservedDelta: -quantity, reason: `moved to ${to.code}` },
      { ...common, locationId: to.id, kind: 'RESERVATION', reservedDelta: quantity, reason: `moved from ${from.code}` },
    ]);
    const { allocations } = (await reservationState(em, this.views, [orderLineId])).get(orderLineId)!;
    const event: ReservationMovedEvent = {
      orderId: line.order_id,
      orderLineId,
      sku: line.sku,
      fromLocationCode: from.code,
      toLocationCode: to.code,
      quantity,
      allocations,
    };
    await this.outbox.add(em, InventorySubjects.reservationMoved, event);
    return allocations;
  }

  private async line(em: EntityManager, orderLineId: string): Promise<LineRow> {
    const [line] = await rows<LineRow>(
      em,
      `SELECT b.order_id, b.item_id, i.sku FROM inventory.reserve_lines b JOIN inventory.items i ON i.id = b.item_id WHERE b.order_line_id = $1`,
      [orderLineId],
    );
    if (!line)
      throw new DomainError('NOT_FOUND', `Inventory holds nothing for order line ${orderLineId}`, { orderLineId });
    return line;
  }

  private async heldAt(em: EntityManager, orderLineId: string, from: LocationRef): Promise<number> {
    const found = await maybeRow<{ quantity: number }>(
      em,
      `SELECT quantity FROM inventory.reservations WHERE order_line_id = $1 AND location_id = $2`,
      [orderLineId, from.id],
    );
    if (!found)
      throw new DomainError('NOT_FOUND', `Order line ${orderLineId} has nothing reserved at ${from.code}`, {
        orderLineId,
        locationCode: from.code,
      });
    return found.quantity;
  }

  /** Reserves at the destination, only if it has the units available there. */
  private async take(
    em: EntityManager,
    orderLineId: string,
    line: LineRow,
    to: LocationRef,
    quantity: number,
  ): Promise<void> {
    const taken = await rows(
      em,
      `UPDATE inventory.stock SET reserved = reserved + $3 WHERE item_id = $1 AND location_id = $2 AND on_hand - reserved >= $3 RETURNING reserved`,
      [line.item_id, to.id, quantity],
    );
    if (taken.length === 0) {
      throw new DomainError(
        'INSUFFICIENT_STOCK',
        `${to.code} does not have ${quantity} of ${line.sku} available to move the reservation there`,
        {
          sku: line.sku,
          locationCode: to.code,
          quantity,
        },
      );
    }
    await em.query(
      `INSERT INTO inventory.reservations AS r (order_line_id, location_id, order_id, item_id, quantity) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_line_id, location_id) DO UPDATE SET quantity = r.quantity + EXCLUDED.quantity`,
      [orderLineId, to.id, line.order_id, line.item_id, quantity],
    );
  }

  /** Gives the units up at the source location, only if the line holds that many there. */
  private async give(
    em: EntityManager,
    orderLineId: string,
    line: LineRow,
    from: LocationRef,
    quantity: number,
  ): Promise<void> {
    // A reservation used up entirely is deleted, a larger one reduced (a reservation is never 0).
    const reduced = await rows(
      em,
      `WITH gone AS (DELETE FROM inventory.reservations WHERE order_line_id = $1 AND location_id = $2 AND quantity = $3 RETURNING quantity),
            less AS (UPDATE inventory.reservations SET quantity = quantity - $3 WHERE order_line_id = $1 AND location_id = $2 AND quantity > $3
                     RETURNING quantity)
       SELECT quantity FROM gone UNION ALL SELECT quantity FROM less`,
      [orderLineId, from.id, quantity],
    );
    if (reduced.length === 0) {
      throw new DomainError(
        'QUANTITY_EXCEEDED',
        `Order line ${orderLineId} holds less than ${quantity} at ${from.code}`,
        {
          orderLineId,
          locationCode: from.code,
          quantity,
        },
      );
    }
    await em.query(`UPDATE inventory.stock SET reserved = reserved - $3 WHERE item_id = $1 AND location_id = $2`, [
      line.item_id,
      from.id,
      quantity,
    ]);
  }
}
