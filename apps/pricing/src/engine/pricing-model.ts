import type { BreakBasis, Currency, FreightMethod, RuleMethod } from '#contracts';

/** One break of a rule: from `from` (quantity, or amount in minor units) on, `value` applies. */
export interface RuleBreak {
  from: number;
  /** PRICE: unit price in minor units. DISCOUNT, MARKUP: parts per million (1% = 10,000). */
  value: number;
}

/** What a rule targets; an absent target matches any value. */
export interface RuleTargetValues {
  customerId?: string;
  customerType?: string;
  sku?: string;
  category?: string;
  shipToRegion?: string;
  shipFromLocation?: string;
}

/** A price rule as the engine sees it. */
export interface PriceRule extends RuleTargetValues {
  id: string;
  code: string;
  description: string;
  currency: Currency;
  version: number;
  method: RuleMethod;
  breakBasis: BreakBasis;
  /** Ascending by `from`. */
  breaks: RuleBreak[];
  /** `YYYY-MM-DD`, inclusive. */
  validFrom: string;
  /** `YYYY-MM-DD`, inclusive; open-ended when absent. */
  validTo?: string;
}

/** The order-level facts a price depends on. */
export interface OrderFacts {
  currency: Currency;
  asOf: string;
  customerId?: string;
  customerType?: string;
  shipToRegion?: string;
  shipFromLocation?: string;
}

export interface ListPrice {
  id: string;
  unitPriceMinor: number;
}

/** One line with what pricing knows of its item. */
export interface LineFacts {
  lineId: string;
  sku: string;
  quantity: number;
  category?: string;
  taxClass: string;
  weightGrams?: number;
  shipFromLocation?: string;
  listPrice?: ListPrice;
  unitCostMinor?: number;
}

export interface TaxRate {
  id: string;
  region: string;
  taxClass: string;
  ppm: number;
}

export interface FreightTier {
  fromMinor: number;
  amountMinor: number;
}

export interface FreightRule {
  id: string;
  code: string;
  description: string;
  currency: Currency;
  shipToRegion?: string;
  shipFromLocation?: string;
  method: FreightMethod;
  amountMinor?: number;
  perKgMinor?: number;
  tiers?: FreightTier[];
  freeAboveMinor?: number;
  taxClass?: string;
  validFrom: string;
  validTo?: string;
}

/** A miscellaneous charge with the amount and description it is charged at. */
export interface MiscCharge {
  id: string;
  code: string;
  description: string;
  amountMinor: number;
  taxClass?: string;
  /** True when the request set the amount or description (a return overriding its handling charge). */
  overridden: boolean;
}
