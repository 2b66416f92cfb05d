import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListPricesRequest, type Page, type PriceView, PricingSubjects, SetPriceRequest } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { ListPricesService } from './list-prices.service.js';
import { SetPriceService } from './set-price.service.js';

@Controller()
export class PricesHandler {
  constructor(
    private readonly setPrice: SetPriceService,
    private readonly listPrices: ListPricesService,
  ) {}

  @Handles(PricingSubjects.setPrice)
  @AllowRoles('admin')
  set(@Payload() request: SetPriceRequest): Promise<PriceView> {
    return this.setPrice.set(request);
  }

  @Handles(PricingSubjects.listPrices)
  list(@Payload() request: ListPricesRequest): Promise<Page<PriceView>> {
    return this.listPrices.list(request);
  }
}
