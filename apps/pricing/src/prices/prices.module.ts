import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ListPricesService } from './list-prices.service.js';
import { PriceEntity } from './price.entity.js';
import { PricesHandler } from './prices.handler.js';
import { SetPriceService } from './set-price.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PriceEntity])],
  controllers: [PricesHandler],
  providers: [SetPriceService, ListPricesService],
})
export class PricesModule {}
