import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListPricesRequest,
  type Page,
  PriceOrderRequest,
  type PriceOrderReply,
  type PriceView,
  PricingSubjects,
  SetPriceRequest,
} from '#contracts';
import { AllowRoles } from '#platform';
import { ListPricesService } from './list-prices.service.js';
import { PriceOrderService } from './price-order.service.js';
import { SetPriceService } from './set-price.service.js';

@Controller()
export class PricesHandler {
  constructor(
    private readonly setPrice: SetPriceService,
    private readonly listPrices: ListPricesService,
    private readonly priceOrder: PriceOrderService,
  ) {}

  @MessagePattern(PricingSubjects.setPrice)
  @AllowRoles('admin')
  set(@Payload() request: SetPriceRequest): Promise<PriceView> {
    return this.setPrice.set(request);
  }

  @MessagePattern(PricingSubjects.listPrices)
  list(@Payload() request: ListPricesRequest): Promise<Page<PriceView>> {
    return this.listPrices.list(request);
  }

  // Open to every role: orders calls it on behalf of whoever places the order.
  @MessagePattern(PricingSubjects.priceOrder)
  price(@Payload() request: PriceOrderRequest): Promise<PriceOrderReply> {
    return this.priceOrder.price(request);
  }
}
