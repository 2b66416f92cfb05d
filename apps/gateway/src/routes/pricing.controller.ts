import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListPricesRequest, PriceOrderReply, PriceOrderRequest, PriceView, PricingSubjects, SetPriceRequest } from '#contracts';
import { ServiceClient } from '#platform';
import { Roles } from '../auth/auth.guard.js';
import { ApiPage, ApiStandardErrors, ApiUnprocessable } from '../openapi/api-docs.js';

@ApiTags('Prices')
@ApiStandardErrors()
@Controller('prices')
export class PricingController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Set the list price of a SKU in a currency from a date' })
  @ApiCreatedResponse({ type: PriceView })
  setPrice(@Body() body: SetPriceRequest) {
    return this.services.request(PricingSubjects.setPrice, body);
  }

  @Get()
  @Roles('admin', 'sales', 'customer')
  @ApiOperation({ summary: 'List prices' })
  @ApiPage(PriceView)
  list(@Query() query: ListPricesRequest) {
    return this.services.request(PricingSubjects.listPrices, query);
  }

  @Post('quote')
  @HttpCode(200)
  @Roles('admin', 'sales', 'customer')
  @ApiOperation({ summary: 'What would these lines cost: prices every line in one call' })
  @ApiOkResponse({ type: PriceOrderReply })
  @ApiUnprocessable('A SKU has no price in that currency on that date (PRICE_NOT_FOUND)')
  quote(@Body() body: PriceOrderRequest) {
    return this.services.request(PricingSubjects.priceOrder, body);
  }
}
