import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { TransferStockRequest, TransferView } from '#contracts';
import { DomainError, rows } from '#platform';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { type ItemRef, itemBySku, type LocationRef, ownLocation } from '../common/lookups.js';
import { recordMovements } from '../common/stock-ledger.js';
import { ensureStockRow, lockRows } from '../common/stock-locks.js';
import { MAX_STOCK_UNITS, stockFull } from './stock-booking.js';
import { stockLevel } from './stock-level.query.js';

/** Moves goods between two of our locations in one transaction; what arrives serves waiting back-orders. */
@Injectable()
export class StockTransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backorders: BackorderReleaseService,
  ) {}

  async transfer(request: TransferStockRequest): Promise<TransferView> {
    assertTwoLocations(request);
    return this.dataSource.transaction(async (em) => {
      const item = await itemBySku(em, request.sku);
      const from = await ownLocation(em, request.fromLocationCode, 'fromLocationCode');
      const to = await ownLocation(em, request.toLocationCode, 'toLocationCode');
      await ensureStockRow(em, item.id, to.id);
      const held = await lockRows(em, [
        { itemId: item.id, locationId: from.id },
        { itemId: item.id, locationId: to.id },
      ]);
      await takeOut(em, item, from, request.quantity);
      const arrivedRows = await rows(
        em,
        `UPDATE inventory.stock SET on_hand = on_hand + $3
          WHERE item_id = $1 AND location_id = $2 AND on_hand::bigint + $3 <= $4 RETURNING on_hand`,
        [item.id, to.id, request.quantity, MAX_STOCK_UNITS],
      );
      if (arrivedRows.length === 0) throw stockFull(request.quantity);
      const reference = request.reference ?? `TR-${randomUUID().slice(0, 8).toUpperCase()}`;
      const reason = `transfer ${from.code} -> ${to.code}`;
      await recordMovements(em, [
        {
          itemId: item.id,
          locationId: from.id,
          kind: 'TRANSFER_OUT',
          onHandDelta: -request.quantity,
          reservedDelta: 0,
          reference,
          reason,
        },
        {
          itemId: item.id,
          locationId: to.id,
          kind: 'TRANSFER_IN',
          onHandDelta: request.quantity,
          reservedDelta: 0,
          reference,
          reason,
        },
      ]);
      const arrived = held
        .filter((h) => h.locationId === to.id)
        .map((h) => ({ ...h, available: h.available + request.quantity }));
      const released = await this.backorders.afterStockArrived(em, arrived);
      return {
        from: await stockLevel(em, item.id, from.id),
        to: await stockLevel(em, item.id, to.id),
        reference,
        releasedToBackorders: released,
      };
    });
  }
}

/** Takes the units out of the source location in one conditional statement: only what is not reserved can leave. */
async function takeOut(em: EntityManager, item: ItemRef, from: LocationRef, quantity: number): Promise<void> {
  const out = await rows(
    em,
    `UPDATE inventory.stock SET on_hand = on_hand - $3 WHERE item_id = $1 AND location_id = $2 AND on_hand - $3 >= reserved RETURNING on_hand`,
    [item.id, from.id, quantity],
  );
  if (out.length > 0) return;
  const level = await stockLevel(em, item.id, from.id);
  throw new DomainError(
    'INSUFFICIENT_STOCK',
    `${from.code} has ${level.available} of ${item.sku} available (on hand ${level.onHand}, reserved ${level.reserved}); cannot transfer ${quantity}`,
    { sku: item.sku, locationCode: from.code, quantity, available: level.available },
  );
}

function assertTwoLocations(request: TransferStockRequest): void {
  if (request.fromLocationCode !== request.toLocationCode) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    `A transfer needs two different locations; both are ${request.fromLocationCode}`,
    {
      fields: [{ field: 'toLocationCode', problems: ['toLocationCode must differ from fromLocationCode'] }],
    },
  );
}
