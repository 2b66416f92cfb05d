import { Module } from '@nestjs/common';
import { BackordersModule } from '../backorders/backorders.module.js';
import { ConsistencyCheckService } from './consistency-check.service.js';
import { LedgerQueryService } from './ledger-query.service.js';
import { ReturnReceiptsService } from './return-receipts.service.js';
import { StockAdjustmentsService } from './stock-adjustments.service.js';
import { StockLevelsService } from './stock-levels.service.js';
import { StockReceiptsService } from './stock-receipts.service.js';
import { StockTransfersService } from './stock-transfers.service.js';
import { StockHandler } from './stock.handler.js';

@Module({
  imports: [BackordersModule],
  controllers: [StockHandler],
  providers: [
    StockReceiptsService,
    StockAdjustmentsService,
    StockTransfersService,
    StockLevelsService,
    LedgerQueryService,
    ConsistencyCheckService,
    ReturnReceiptsService,
  ],
})
export class StockModule {}
