import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import {
  Code,
  IsoDate,
  Matching,
  MinorUnits,
  NestedList,
  Quantity,
  Sku,
  Text,
  TextLimits,
  Uuid,
} from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import {
  type BreakBasis,
  type ChargeKind,
  ChargeKinds,
  PriceSources,
  type PriceSource,
  REGION_PATTERN,
  RULE_CODE_PATTERN,
  type RuleMethod,
} from './pricing.values.js';

/** Most lines one pricing request may have. */
export const MAX_PRICE_LINES = 10_000;

export class PriceLineRequest {
  @ApiProperty({ description: 'Caller-chosen line id, echoed back' })
  @Text(TextLimits.callerId)
  lineId: string;

  @ApiProperty()
  @Sku()
  sku: string;

  @ApiProperty()
  @Quantity()
  quantity: number;

  @ApiPropertyOptional({ example: 'WH1', description: "Ship this line from this location (default: the order's)" })
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string;
}

/** A miscellaneous charge to add, by code; a return may override its amount and description. */
export class OrderChargeRequest {
  @ApiProperty({ example: 'RETURN_HANDLING' })
  @Matching(RULE_CODE_PATTERN, 64, 'code must be a valid charge code')
  code: string;

  @ApiPropertyOptional({ example: 750, description: "Overrides the charge's default amount (minor units)" })
  @IsOptional()
  @MinorUnits()
  amountMinor?: number;

  @ApiPropertyOptional({ example: 'Restocking fee, opened box', description: "Overrides the charge's description" })
  @IsOptional()
  @Text(TextLimits.note)
  description?: string;
}

/** Everything a pricing request says besides its lines. */
export class PriceOrderOptions {
  @ApiProperty({ example: 'EUR' })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;

  @ApiPropertyOptional({ description: 'Price as of this date (a quote date, for example); today when absent' })
  @IsOptional()
  @IsoDate()
  asOf?: string;

  @ApiPropertyOptional({
    description: 'The customer; a customer key may ask only for itself (and is the customer when absent)',
  })
  @IsOptional()
  @Uuid()
  customerId?: string;

  @ApiPropertyOptional({
    example: 'NL',
    description: "Ship-to region (taxes, freight, rules); the customer's recorded region when absent",
  })
  @IsOptional()
  @Matching(REGION_PATTERN, 32, 'shipToRegion must be a region code such as NL or US-NY')
  shipToRegion?: string;

  @ApiPropertyOptional({
    example: 'WH1',
    description: 'Ship every line from this location unless a line says otherwise',
  })
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string;

  @ApiPropertyOptional({ default: true, description: 'Add freight by the freight rules (false for a return, say)' })
  @IsOptional()
  @IsBoolean()
  includeFreight?: boolean;

  @ApiPropertyOptional({ description: 'Miscellaneous charges to add, such as RETURN_HANDLING' })
  @IsOptional()
  @NestedList(() => OrderChargeRequest, { max: 50 })
  charges?: OrderChargeRequest[];
}

/** `pricing.order.price`: every line of an order (or cart) priced in one request. */
export class PriceOrderRequest extends PriceOrderOptions {
  @ApiProperty()
  @NestedList(() => PriceLineRequest, { min: 1, max: MAX_PRICE_LINES })
  lines: PriceLineRequest[];
}

/** A rule that priced lines of the reply, as it was when it did (listed once however many lines it priced). */
export class AppliedRuleView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Rises by one with every change of the rule' }) version: number;
  @ApiProperty() method: RuleMethod;
  @ApiProperty() breakBasis: BreakBasis;
  @ApiProperty({ description: 'Precedence rank from its targets: higher wins (see README)' }) specificity: number;
}

export class PricedLineView {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPriceMinor: number;
  @ApiProperty({ description: 'unitPriceMinor × quantity' }) lineTotalMinor: number;
  @ApiProperty({ description: 'The rule (or, without one, the list price record) that produced this price' })
  priceId: string;
  @ApiProperty({ enum: PriceSources }) source: PriceSource;
  @ApiPropertyOptional({ description: 'Code of the rule that priced the line (see `rules` of the reply)' })
  ruleCode?: string;
  @ApiPropertyOptional() ruleVersion?: number;
  @ApiPropertyOptional({ description: 'The break that applied: the quantity or amount (minor units) it starts from' })
  breakFrom?: number;
  @ApiPropertyOptional({ description: 'List unit price on that day, when the SKU has one' }) listPriceMinor?: number;
  @ApiProperty({ description: '(list price − unit price) × quantity; negative above list, 0 without a list price' })
  discountMinor: number;
  @ApiPropertyOptional() category?: string;
  @ApiProperty() taxClass: string;
  @ApiProperty({ description: 'Tax on lineTotalMinor, rounded half-up for this line' }) taxMinor: number;
  @ApiPropertyOptional({ description: 'The rate applied; `taxes` of the reply names the rate record' })
  taxPercent?: number;
  @ApiProperty({ example: 'rule ACME-10 (customer, sku V123): 10% off list price 19.99 from quantity 10' })
  reason: string;
}

export class PricedChargeView {
  @ApiProperty({ enum: ChargeKinds }) kind: ChargeKind;
  @ApiProperty({ example: 'RETURN_HANDLING' }) code: string;
  @ApiProperty({ description: 'The freight rule or charge code record' }) sourceId: string;
  @ApiProperty() description: string;
  @ApiProperty() amountMinor: number;
  @ApiPropertyOptional() taxClass?: string;
  @ApiProperty() taxMinor: number;
  @ApiPropertyOptional() taxPercent?: number;
  @ApiPropertyOptional() taxRateId?: string;
  @ApiProperty() reason: string;
}

/** Tax per region, class and rate: the sum of the line and charge taxes, never rounded again. */
export class TaxSummaryView {
  @ApiProperty() region: string;
  @ApiProperty() taxClass: string;
  @ApiProperty() percent: number;
  @ApiProperty() taxRateId: string;
  @ApiProperty({ description: 'Sum of the taxed amounts' }) taxableMinor: number;
  @ApiProperty({ description: 'Sum of the line and charge taxes at this rate' }) taxMinor: number;
  @ApiProperty() reason: string;
}

export class OrderTotalsView {
  @ApiProperty({ description: 'Sum of line totals' }) linesMinor: number;
  @ApiProperty({ description: 'Sum of line discounts against list price' }) discountMinor: number;
  @ApiProperty({ description: 'Freight plus miscellaneous charges' }) chargesMinor: number;
  @ApiProperty({ description: 'Sum of line and charge taxes' }) taxMinor: number;
  @ApiProperty({ description: 'linesMinor + chargesMinor + taxMinor' }) grandTotalMinor: number;
}

export class PriceOrderReply {
  @ApiProperty() currency: Currency;
  @ApiProperty() asOf: string;
  @ApiPropertyOptional() customerId?: string;
  @ApiPropertyOptional({ description: "From pricing's customer records" }) customerType?: string;
  @ApiPropertyOptional() shipToRegion?: string;
  @ApiProperty({ type: [PricedLineView] }) lines: PricedLineView[];
  @ApiProperty({ type: [AppliedRuleView], description: 'Each rule that priced a line, once' }) rules: AppliedRuleView[];
  @ApiProperty({ description: 'Sum of line totals, minor units (= totals.linesMinor)' }) totalMinor: number;
  @ApiProperty({ type: [PricedChargeView] }) charges: PricedChargeView[];
  @ApiProperty({ type: [TaxSummaryView] }) taxes: TaxSummaryView[];
  @ApiProperty({ type: OrderTotalsView }) totals: OrderTotalsView;
  @ApiProperty({ type: [String], description: 'What was left out and why (no ship-to region: no taxes, …)' })
  notes: string[];
}
