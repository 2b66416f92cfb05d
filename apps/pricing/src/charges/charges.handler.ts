import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  type ChargeCodeView,
  type FreightRuleView,
  ListChargeCodesRequest,
  ListFreightRulesRequest,
  ListTaxRatesRequest,
  type Page,
  PricingSubjects,
  SetChargeCodeRequest,
  SetFreightRuleRequest,
  SetTaxRateRequest,
  type TaxRateView,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { ChargeCodesService } from './charge-codes.service.js';
import { FreightRulesService } from './freight-rules.service.js';
import { TaxRatesService } from './tax-rates.service.js';

@Controller()
export class ChargesHandler {
  constructor(
    private readonly taxRates: TaxRatesService,
    private readonly freightRules: FreightRulesService,
    private readonly chargeCodes: ChargeCodesService,
  ) {}

  @Handles(PricingSubjects.setTaxRate)
  @AllowRoles('admin')
  setTaxRate(@Payload() request: SetTaxRateRequest): Promise<TaxRateView> {
    return this.taxRates.set(request);
  }

  @Handles(PricingSubjects.listTaxRates)
  @AllowRoles('admin', 'sales')
  listTaxRates(@Payload() request: ListTaxRatesRequest): Promise<Page<TaxRateView>> {
    return this.taxRates.list(request);
  }

  @Handles(PricingSubjects.setFreightRule)
  @AllowRoles('admin')
  setFreightRule(@Payload() request: SetFreightRuleRequest): Promise<FreightRuleView> {
    return this.freightRules.set(request);
  }

  @Handles(PricingSubjects.listFreightRules)
  @AllowRoles('admin', 'sales')
  listFreightRules(@Payload() request: ListFreightRulesRequest): Promise<Page<FreightRuleView>> {
    return this.freightRules.list(request);
  }

  @Handles(PricingSubjects.setChargeCode)
  @AllowRoles('admin')
  setChargeCode(@Payload() request: SetChargeCodeRequest): Promise<ChargeCodeView> {
    return this.chargeCodes.set(request);
  }

  @Handles(PricingSubjects.listChargeCodes)
  @AllowRoles('admin', 'sales')
  listChargeCodes(@Payload() request: ListChargeCodesRequest): Promise<Page<ChargeCodeView>> {
    return this.chargeCodes.list(request);
  }
}
