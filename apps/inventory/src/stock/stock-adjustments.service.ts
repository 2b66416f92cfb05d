import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AdjustStockRequest, LedgerKind, StockChangeView, WriteOffStockRequest } from '#contracts';
import { DomainError, rows } from '#platform';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { type ItemRef, itemBySku, type LocationRef, ownLocation } from '../common/lookups.js';
import { recordMovements } from '../common/stock-ledger.js';
import { bookIn } from './stock-booking.js';
import { stockLevel } from './stock-level.query.js';

/** Counted differences and written-off goods. On hand never goes below what is reserved. */
@Injectable()
export class StockAdjustmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backorders: BackorderReleaseService,
  ) {}

  async adjust(request: AdjustStockRequest): Promise<StockChangeView> {
    return this.dataSource.transaction(async (em) => {
      const item = await itemBySku(em, request.sku);
      const location = await ownLocation(em, request.locationCode);
      let released = 0;
      if (request.quantity > 0) {
        const held = await bookIn(em, {
          itemId: item.id,
          locationId: location.id,
          kind: 'ADJUSTMENT',
          onHandDelta: request.quantity,
          reason: request.reason,
          reference: request.reference,
        });
        released = await this.backorders.afterStockArrived(em, [held]);
      } else {
        await takeOut(em, item, location, -request.quantity, 'ADJUSTMENT', request.reason, request.reference);
      }
      return { ...(await stockLevel(em, item.id, location.id)), releasedToBackorders: released };
    });
  }

  async writeOff(request: WriteOffStockRequest): Promise<StockChangeView> {
    return this.dataSource.transaction(async (em) => {
      const item = await itemBySku(em, request.sku);
      const location = await ownLocation(em, request.locationCode);
      await takeOut(em, item, location, request.quantity, 'WRITE_OFF', request.reason, request.reference);
      return { ...(await stockLevel(em, item.id, location.id)), releasedToBackorders: 0 };
    });
  }
}

/** Removes goods from on hand in one conditional statement: only what is not reserved can go. */
async function takeOut(
  em: EntityManager,
  item: ItemRef,
  location: LocationRef,
  quantity: number,
  kind: LedgerKind,
  reason: string,
  reference: string | undefined,
): Promise<void> {
  const taken = await rows(
    em,
    `UPDATE inventory.stock SET on_hand = on_hand - $3 WHERE item_id = $1 AND location_id = $2 AND on_hand - $3 >= reserved RETURNING on_hand`,
    [item.id, location.id, quantity],
  );
  if (taken.length === 0) {
    const level = await stockLevel(em, item.id, location.id);
    throw new DomainError(
      'INSUFFICIENT_STOCK',
      `Taking ${quantity} of ${item.sku} out of ${location.code} would leave on hand below reserved (on hand ${level.onHand}, reserved ${level.reserved}, available ${level.available})`,
      { sku: item.sku, locationCode: location.code, quantity, onHand: level.onHand, reserved: level.reserved },
    );
  }
  await recordMovements(em, [
    { itemId: item.id, locationId: location.id, kind, onHandDelta: -quantity, reservedDelta: 0, reason, reference },
  ]);
}
