import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ReceiveStockRequest, RestockReturnRequest, StockChangeView } from '#contracts';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { itemBySku, ownLocation } from '../common/lookups.js';
import { bookIn } from './stock-booking.js';
import { stockLevel } from './stock-level.query.js';

/** Goods coming in: received from a supplier, or a customer return put back on the shelf. Waiting back-orders are served at once. */
@Injectable()
export class StockReceiptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backorders: BackorderReleaseService,
  ) {}

  async receive(request: ReceiveStockRequest): Promise<StockChangeView> {
    return this.dataSource.transaction(async (em) => {
      const item = await itemBySku(em, request.sku);
      const location = await ownLocation(em, request.locationCode);
      const held = await bookIn(em, {
        itemId: item.id,
        locationId: location.id,
        kind: 'RECEIPT',
        onHandDelta: request.quantity,
        reference: request.reference,
      });
      const released = await this.backorders.afterStockArrived(em, [held]);
      return { ...(await stockLevel(em, item.id, location.id)), releasedToBackorders: released };
    });
  }

  async restockReturn(request: RestockReturnRequest): Promise<StockChangeView> {
    return this.dataSource.transaction(async (em) => {
      const item = await itemBySku(em, request.sku);
      const location = await ownLocation(em, request.locationCode);
      const held = await bookIn(em, {
        itemId: item.id,
        locationId: location.id,
        kind: 'RETURN_RESTOCK',
        onHandDelta: request.quantity,
        orderLineId: request.orderLineId,
        reference: request.reference,
        reason: request.reason ?? 'customer return restocked',
      });
      const released = await this.backorders.afterStockArrived(em, [held]);
      return { ...(await stockLevel(em, item.id, location.id)), releasedToBackorders: released };
    });
  }
}
