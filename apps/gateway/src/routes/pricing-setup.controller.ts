import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChargeCodeView,
  CustomerAttributesView,
  FreightRuleView,
  ItemAttributesView,
  ListChargeCodesRequest,
  ListCustomerAttributesRequest,
  ListFreightRulesRequest,
  ListItemAttributesRequest,
  ListTaxRatesRequest,
  PricingSubjects,
  SetChargeCodeRequest,
  SetFreightRuleRequest,
  SetTaxRateRequest,
  TaxRateView,
  UpsertAttributesReply,
  UpsertCustomerAttributesRequest,
  UpsertItemAttributesRequest,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiConflict, ApiPage, ApiStandardErrors } from '../openapi/api-docs.js';

/** Tax rates, freight rules, charge codes, and pricing's copies of item and customer facts. */
@ApiTags('Pricing set-up')
@ApiStandardErrors()
@Controller()
export class PricingSetupController {
  constructor(private readonly services: ServiceClient) {}

  @Post('tax-rates')
  @ApiOperation({ summary: 'Set the tax rate of a tax class in a ship-to region from a date' })
  @ApiCreatedResponse({ type: TaxRateView })
  setTaxRate(@Body() body: SetTaxRateRequest) {
    return this.services.request(PricingSubjects.setTaxRate, body);
  }

  @Get('tax-rates')
  @ApiOperation({ summary: 'List tax rates' })
  @ApiPage(TaxRateView)
  listTaxRates(@Query() query: ListTaxRatesRequest) {
    return this.services.request(PricingSubjects.listTaxRates, query);
  }

  @Post('freight-rules')
  @ApiOperation({
    summary: 'Create or replace a freight rule (flat, by weight, by order amount; free above an amount)',
  })
  @ApiCreatedResponse({ type: FreightRuleView })
  @ApiConflict('Another freight rule has the same currency, region, location and start date (RULE_CONFLICT)')
  setFreightRule(@Body() body: SetFreightRuleRequest) {
    return this.services.request(PricingSubjects.setFreightRule, body);
  }

  @Get('freight-rules')
  @ApiOperation({ summary: 'List freight rules' })
  @ApiPage(FreightRuleView)
  listFreightRules(@Query() query: ListFreightRulesRequest) {
    return this.services.request(PricingSubjects.listFreightRules, query);
  }

  @Post('charge-codes')
  @ApiOperation({
    summary: 'Set a named miscellaneous charge (e.g. RETURN_HANDLING) and its default amount in a currency',
  })
  @ApiCreatedResponse({ type: ChargeCodeView })
  setChargeCode(@Body() body: SetChargeCodeRequest) {
    return this.services.request(PricingSubjects.setChargeCode, body);
  }

  @Get('charge-codes')
  @ApiOperation({ summary: 'List charge codes' })
  @ApiPage(ChargeCodeView)
  listChargeCodes(@Query() query: ListChargeCodesRequest) {
    return this.services.request(PricingSubjects.listChargeCodes, query);
  }

  @Post('pricing/items')
  @ApiOperation({
    summary: "Set pricing's copy of item facts: category, tax class, weight, unit costs (fields left out stay)",
  })
  @ApiCreatedResponse({ type: UpsertAttributesReply })
  upsertItems(@Body() body: UpsertItemAttributesRequest) {
    return this.services.request(PricingSubjects.upsertItems, body);
  }

  @Get('pricing/items')
  @ApiOperation({ summary: "List pricing's item facts" })
  @ApiPage(ItemAttributesView)
  listItems(@Query() query: ListItemAttributesRequest) {
    return this.services.request(PricingSubjects.listItems, query);
  }

  @Post('pricing/customers')
  @ApiOperation({ summary: "Set pricing's copy of customer facts: customer type, default ship-to region" })
  @ApiCreatedResponse({ type: UpsertAttributesReply })
  upsertCustomers(@Body() body: UpsertCustomerAttributesRequest) {
    return this.services.request(PricingSubjects.upsertCustomers, body);
  }

  @Get('pricing/customers')
  @ApiOperation({ summary: "List pricing's customer facts" })
  @ApiPage(CustomerAttributesView)
  listCustomers(@Query() query: ListCustomerAttributesRequest) {
    return this.services.request(PricingSubjects.listCustomers, query);
  }
}
