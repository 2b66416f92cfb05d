import { Module } from '@nestjs/common';
import { CustomerLookup } from './customer-lookup.js';
import { OrderCancellationService } from './order-cancellation.service.js';
import { OrderPlacementService } from './order-placement.service.js';
import { OrderReader } from './order-reader.js';
import { OrderWriter } from './order-writer.js';
import { OrdersHandler } from './orders.handler.js';
import { StockRelease } from './stock-release.js';

@Module({
  controllers: [OrdersHandler],
  providers: [OrderPlacementService, OrderReader, OrderWriter, CustomerLookup, OrderCancellationService, StockRelease],
  exports: [OrderReader, OrderWriter, OrderPlacementService, CustomerLookup, StockRelease],
})
export class OrdersModule {}
