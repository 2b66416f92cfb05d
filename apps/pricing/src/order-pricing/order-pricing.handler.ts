import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type PriceOrderReply, PricingSubjects } from '#contracts';
import { Handles } from '#platform';
import { readPriceOrderRequest } from './price-order.request.js';
import { PriceOrderService } from './price-order.service.js';

@Controller()
export class OrderPricingHandler {
  constructor(private readonly priceOrder: PriceOrderService) {}

  // Open to every role: orders calls it on behalf of whoever places the order; the service
  // keeps a customer to its own prices. The payload is typed `unknown` so the global
  // validation pipe leaves it alone: readPriceOrderRequest checks it, lines and all, faster.
  @Handles(PricingSubjects.priceOrder)
  price(@Payload() payload: unknown): Promise<PriceOrderReply> {
    return this.priceOrder.price(readPriceOrderRequest(payload));
  }
}
