import { Module } from '@nestjs/common';
import { OrderPricingHandler } from './order-pricing.handler.js';
import { PriceOrderService } from './price-order.service.js';
import { PricingInputsReader } from './pricing-inputs.reader.js';

@Module({
  controllers: [OrderPricingHandler],
  providers: [PriceOrderService, PricingInputsReader],
})
export class OrderPricingModule {}
