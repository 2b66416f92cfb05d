import { Injectable } from '@nestjs/common';
import type { PriceOrderReply, PriceOrderRequest } from '#contracts';
import { currentContext, DomainError } from '#platform';
import { priceOrder } from '../engine/order-pricer.js';
import { toPriceDate, todayUtc } from '../prices/price-date.js';
import { PricingInputsReader } from './pricing-inputs.reader.js';

@Injectable()
export class PriceOrderService {
  constructor(private readonly inputs: PricingInputsReader) {}

  /**
   * Prices every line of an order as of one day (today when `asOf` is absent): unit prices
   * by the winning rule or the list price, freight, charges, taxes and totals, each with
   * its reason. If any line has no price nothing is priced and PRICE_NOT_FOUND lists every
   * such SKU. A customer may ask only for itself.
   */
  async price(request: PriceOrderRequest): Promise<PriceOrderReply> {
    const asOf = toPriceDate(request.asOf, 'asOf') ?? todayUtc();
    const customerId = customerAskingFor(request.customerId);
    return priceOrder(await this.inputs.read(request, customerId, asOf));
  }
}

/**
 * The customer a request prices for. A customer caller gets its own prices when it names
 * no customer or itself, and FORBIDDEN when it names another; every other role may ask for
 * any customer (orders asks on behalf of whoever places the order).
 */
function customerAskingFor(requested: string | undefined): string | undefined {
  const caller = currentContext()?.caller;
  if (caller?.role !== 'customer') return requested;
  if (requested !== undefined && requested !== caller.customerId) {
    throw new DomainError('FORBIDDEN', 'A customer may ask for prices only for itself', { customerId: requested });
  }
  return caller.customerId;
}
