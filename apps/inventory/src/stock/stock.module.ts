import { Module } from '@nestjs/common';
import { ReservationsService } from './reservations.service.js';
import { StockHandler } from './stock.handler.js';
import { StockLevelsService } from './stock-levels.service.js';

@Module({
  controllers: [StockHandler],
  providers: [StockLevelsService, ReservationsService],
})
export class StockModule {}
