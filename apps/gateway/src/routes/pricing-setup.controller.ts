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
import { Roles } from '../auth/auth.guard.js';
import { ApiConflict, ApiPage, ApiStandardErrors } from '../openapi/api-docs.js';

/** Tax rates, freight rules, charge codes, and pricing's copies of item and customer facts. */
@ApiTags('Pricing set-up')
@ApiStandardErrors()
@Controller()
export class PricingSetupController {
  constructor(private readonly services: ServiceClient) {}

  @Post('tax-rates')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the tax rate of a tax class in a ship-to region from a date' })
  @ApiCreatedResponse({ type: TaxRateView })
  setTaxRate(@Body() body: SetTaxRateRequest) {
    return this.services.request(PricingSubjects.setTaxRate, body);
  }

  @Get('tax-rates')
  @Roles('admin', 'sales')
  @ApiOperation({ summary: 'List tax rates' })
  @ApiPage(TaxRateView)
  listTaxRates(@Query() query: ListTaxRatesRequest) {
    return this.services.request(PricingSubjects.listTaxRates, query);
  }

  @Post('freight-rules')
  @Roles('admin')
  @ApiOperation({
    summary: 'Create or replace a freight rule (flat, by weight, by order amount; free above an amount)',
  })
  @ApiCreatedResponse({ type: FreightRuleView })
  @ApiConflict('Another freight rule has the same currency, region, location and start date (RULE_CONFLICT)')
  setFreightRule(@Body() body: SetFreightRuleRequest) {
    return this.services.request(PricingSubjects.setFreightRule, body);
  }

  @Get('freight-rules')
  @Roles('admin', 'sales')
  @ApiOperation({ summary: 'List freight rules' })
  @ApiPage(FreightRuleView)
  listFreightRules(@Query() query: ListFreightRulesRequest) {
    return this.services.request(PricingSubjects.listFreightRules, query);
  }

  @Post('charge-codes')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set a named miscellaneous charge (e.g. RETURN_HANDLING) and its default amount in a currency',
  })
  @ApiCreatedResponse({ type: ChargeCodeView })
  setChargeCode(@Body() body: SetChargeCodeRequest) {
    return this.services.request(PricingSubjects.setChargeCode, body);
  }

  @Get('charge-codes')
  @Roles('admin', 'sales')
  @ApiOperation({ summary: 'List charge codes' })
  @ApiPage(ChargeCodeView)
  listChargeCodes(@Query() query: ListChargeCodesRequest) {
    return this.services.request(PricingSubjects.listChargeCodes, query);
  }

  @Post('pricing/items')
  @Roles('admin')
  @ApiOperation({
    summary: "Set pricing's copy of item facts: category, tax class, weight, unit costs (fields left out stay)",
  })
  @ApiCreatedResponse({ type: UpsertAttributesReply })
  upsertItems(@Body() body: UpsertItemAttributesRequest) {
    return this.services.request(PricingSubjects.upsertItems, body);
  }

  @Get('pricing/items')
  @Roles('admin', 'sales')
  @ApiOperation({ summary: "List pricing's item facts" })
  @ApiPage(ItemAttributesView)
  listItems(@Query() query: ListItemAttributesRequest) {
    return this.services.request(PricingSubjects.listItems, query);
  }

  @Post('pricing/customers')
  @Roles('admin')
  @ApiOperation({ summary: "Set pricing's copy of customer facts: customer type, default ship-to region" })
  @ApiCreatedResponse({ type: UpsertAttributesReply })
  upsertCustomers(@Body() body: UpsertCustomerAttributesRequest) {
    return this.services.request(PricingSubjects.upsertCustomers, body);
  }

  @Get('pricing/customers')
  @Roles('admin', 'sales')
  @ApiOperation({ summary: "List pricing's customer facts" })
  @ApiPage(CustomerAttributesView)
  listCustomers(@Query() query: ListCustomerAttributesRequest) {
    return this.services.request(PricingSubjects.listCustomers, query);
  }
}
