import { Module } from '@nestjs/common';
import { ListPricesService } from './list-prices.service.js';
import { PricesHandler } from './prices.handler.js';
import { SetPriceService } from './set-price.service.js';

@Module({
  controllers: [PricesHandler],
  providers: [SetPriceService, ListPricesService],
})
export class PricesModule {}
