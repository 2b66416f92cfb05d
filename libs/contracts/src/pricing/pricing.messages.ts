import type { Page } from '../common/paging.js';
import type {
  CustomerAttributesView,
  ItemAttributesView,
  ListCustomerAttributesRequest,
  ListItemAttributesRequest,
  UpsertAttributesReply,
  UpsertCustomerAttributesRequest,
  UpsertItemAttributesRequest,
} from './attributes.dto.js';
import type {
  ChargeCodeView,
  FreightRuleView,
  ListChargeCodesRequest,
  ListFreightRulesRequest,
  ListTaxRatesRequest,
  SetChargeCodeRequest,
  SetFreightRuleRequest,
  SetTaxRateRequest,
  TaxRateView,
} from './charges.dto.js';
import type { PriceOrderReply, PriceOrderRequest } from './price-order.dto.js';
import type {
  CreatePriceRuleRequest,
  EndPriceRuleRequest,
  GetPriceRuleRequest,
  ListPriceRulesRequest,
  PriceRuleView,
  UpdatePriceRuleRequest,
} from './price-rules.dto.js';
import type { ListPricesRequest, PriceView, SetPriceRequest } from './pricing.dto.js';
import type {
  ExportPriceRulesReply,
  ExportPriceRulesRequest,
  ImportPriceRulesReply,
  ImportPriceRulesRequest,
} from './rule-sheets.dto.js';
import type { PricingSubjects } from './pricing.subjects.js';

/** What each pricing command or query takes and answers (`ServiceClient.request` reads it). */
export interface PricingCommands {
  [PricingSubjects.setPrice]: { request: SetPriceRequest; reply: PriceView };
  [PricingSubjects.listPrices]: { request: ListPricesRequest; reply: Page<PriceView> };
  [PricingSubjects.priceOrder]: { request: PriceOrderRequest; reply: PriceOrderReply };
  [PricingSubjects.createRule]: { request: CreatePriceRuleRequest; reply: PriceRuleView };
  [PricingSubjects.updateRule]: { request: UpdatePriceRuleRequest; reply: PriceRuleView };
  [PricingSubjects.endRule]: { request: EndPriceRuleRequest; reply: PriceRuleView };
  [PricingSubjects.getRule]: { request: GetPriceRuleRequest; reply: PriceRuleView };
  [PricingSubjects.listRules]: { request: ListPriceRulesRequest; reply: Page<PriceRuleView> };
  [PricingSubjects.exportRules]: { request: ExportPriceRulesRequest; reply: ExportPriceRulesReply };
  [PricingSubjects.importRules]: { request: ImportPriceRulesRequest; reply: ImportPriceRulesReply };
  [PricingSubjects.setTaxRate]: { request: SetTaxRateRequest; reply: TaxRateView };
  [PricingSubjects.listTaxRates]: { request: ListTaxRatesRequest; reply: Page<TaxRateView> };
  [PricingSubjects.setFreightRule]: { request: SetFreightRuleRequest; reply: FreightRuleView };
  [PricingSubjects.listFreightRules]: { request: ListFreightRulesRequest; reply: Page<FreightRuleView> };
  [PricingSubjects.setChargeCode]: { request: SetChargeCodeRequest; reply: ChargeCodeView };
  [PricingSubjects.listChargeCodes]: { request: ListChargeCodesRequest; reply: Page<ChargeCodeView> };
  [PricingSubjects.upsertItems]: { request: UpsertItemAttributesRequest; reply: UpsertAttributesReply };
  [PricingSubjects.listItems]: { request: ListItemAttributesRequest; reply: Page<ItemAttributesView> };
  [PricingSubjects.upsertCustomers]: { request: UpsertCustomerAttributesRequest; reply: UpsertAttributesReply };
  [PricingSubjects.listCustomers]: { request: ListCustomerAttributesRequest; reply: Page<CustomerAttributesView> };
}
