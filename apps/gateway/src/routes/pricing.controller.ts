import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ListPricesRequest,
  PriceOrderReply,
  PriceOrderRequest,
  PriceView,
  PricingSubjects,
  SetPriceRequest,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiNotFound, ApiPage, ApiStandardErrors, ApiUnprocessable } from '../openapi/api-docs.js';
import { NotIdempotent } from '../idempotency/idempotency.interceptor.js';

@ApiTags('Prices')
@ApiStandardErrors()
@Controller('prices')
export class PricingController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({ summary: 'Set the list price of a SKU in a currency from a date' })
  @ApiCreatedResponse({ type: PriceView })
  setPrice(@Body() body: SetPriceRequest) {
    return this.services.request(PricingSubjects.setPrice, body);
  }

  @Get()
  @ApiOperation({ summary: 'List prices' })
  @ApiPage(PriceView)
  list(@Query() query: ListPricesRequest) {
    return this.services.request(PricingSubjects.listPrices, query);
  }

  @Post('quote')
  @NotIdempotent()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'What would this cart or order cost: unit prices, discounts, charges, taxes and totals, each with its reason',
    description:
      'Prices every line in one call, as of `asOf` (today when absent). A customer key gets its own prices only.',
  })
  @ApiOkResponse({ type: PriceOrderReply })
  @ApiNotFound('A requested charge code (CHARGE_NOT_FOUND)')
  @ApiUnprocessable(
    'A SKU has no price in that currency on that date (PRICE_NOT_FOUND), or a taxed class has no rate (TAX_RATE_NOT_FOUND)',
  )
  quote(@Body() body: PriceOrderRequest) {
    return this.services.request(PricingSubjects.priceOrder, body);
  }
}
