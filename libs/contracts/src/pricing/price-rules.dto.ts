import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  Code,
  IsoDate,
  Matching,
  MinorUnits,
  NestedList,
  Percent,
  QueryIntIn,
  Sku,
  Text,
  TextLimits,
  Uuid,
} from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, PAGE_OFFSET_MAX } from '../common/paging.js';
import {
  BreakBases,
  type BreakBasis,
  CLASS_PATTERN,
  MAX_MARKUP_PERCENT,
  REGION_PATTERN,
  RULE_CODE_PATTERN,
  type RuleMethod,
  RuleMethods,
} from './pricing.values.js';

/** One break: from this quantity (or amount), this price or percentage. */
export class RuleBreakInput {
  @ApiProperty({
    example: 10,
    description: 'Quantity (QUANTITY basis, ≥ 1) or line amount at list price in minor units (AMOUNT basis)',
  })
  @MinorUnits()
  from: number;

  @ApiPropertyOptional({ example: 1799, description: 'PRICE rules: the unit price in minor units' })
  @IsOptional()
  @MinorUnits()
  unitPriceMinor?: number;

  @ApiPropertyOptional({
    example: 12.5,
    description: 'DISCOUNT (0-100) and MARKUP (≥ 0) rules: percent, at most 4 decimals',
  })
  @IsOptional()
  @Percent(MAX_MARKUP_PERCENT)
  percent?: number;
}

/**
 * The fields of a rule. Targets: at least one of customerId, customerType, sku, category,
 * shipToRegion, shipFromLocation. Value: either `breaks`, or for one break from the start
 * `unitPriceMinor` (PRICE) or `percent` (DISCOUNT, MARKUP).
 */
export class PriceRuleFields {
  @ApiPropertyOptional({ example: 'Acme pays 17.99 for V123 from 10 units' })
  @IsOptional()
  @Text(TextLimits.note)
  description?: string;

  @ApiPropertyOptional({ description: 'Target: one customer (orders customer id)' })
  @IsOptional()
  @Uuid()
  customerId?: string | null;

  @ApiPropertyOptional({ example: 'WHOLESALE' })
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'customerType must be a code of 1-32 letters, digits, dot, dash or underscore')
  customerType?: string | null;

  @ApiPropertyOptional({ example: 'V123' })
  @IsOptional()
  @Sku()
  sku?: string | null;

  @ApiPropertyOptional({ example: 'WIDGETS' })
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'category must be a code of 1-32 letters, digits, dot, dash or underscore')
  category?: string | null;

  @ApiPropertyOptional({ example: 'NL' })
  @IsOptional()
  @Matching(REGION_PATTERN, 32, 'shipToRegion must be a region code such as NL or US-NY')
  shipToRegion?: string | null;

  @ApiPropertyOptional({ example: 'WH1', description: 'Target: ship-from warehouse location' })
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string | null;

  @ApiPropertyOptional({ enum: RuleMethods })
  @IsOptional()
  @IsIn(RuleMethods, { message: `method must be one of ${RuleMethods.join(', ')}` })
  method?: RuleMethod;

  @ApiPropertyOptional({ enum: BreakBases, default: 'QUANTITY' })
  @IsOptional()
  @IsIn(BreakBases, { message: `breakBasis must be one of ${BreakBases.join(', ')}` })
  breakBasis?: BreakBasis;

  @ApiPropertyOptional({ example: 1799, description: 'PRICE rule without breaks: the unit price' })
  @IsOptional()
  @MinorUnits()
  unitPriceMinor?: number;

  @ApiPropertyOptional({ example: 10, description: 'DISCOUNT or MARKUP rule without breaks: the percentage' })
  @IsOptional()
  @Percent(MAX_MARKUP_PERCENT)
  percent?: number;

  @ApiPropertyOptional({ description: 'Breaks, ascending by `from`; the highest one reached applies' })
  @IsOptional()
  @NestedList(() => RuleBreakInput, { min: 1, max: 50 })
  breaks?: RuleBreakInput[];

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day the rule applies; today when absent' })
  @IsOptional()
  @IsoDate()
  validFrom?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Last day the rule applies (inclusive); open-ended when absent',
  })
  @IsOptional()
  @IsoDate()
  validTo?: string | null;
}

/** `pricing.rule.create`: `method` is required too (checked with the other rule rules). */
export class CreatePriceRuleRequest extends PriceRuleFields {
  @ApiProperty({ example: 'ACME-V123', description: 'Unique code; spreadsheet rows are matched by it' })
  @Matching(RULE_CODE_PATTERN, 64, 'code must be 1-64 letters, digits, dot, dash or underscore')
  code: string;

  @ApiProperty({ example: 'EUR' })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;
}

/** The body of a rule change: fields given replace the rule's; `null` clears a target or the end date. */
export class ChangePriceRuleBody extends PriceRuleFields {
  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency?: Currency;
}

/** `pricing.rule.update` */
export class UpdatePriceRuleRequest extends ChangePriceRuleBody {
  @ApiProperty()
  @Uuid()
  id: string;
}

/** The body of ending a rule: it applies up to and including `validTo` (today when absent). */
export class EndPriceRuleBody {
  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsOptional()
  @IsoDate()
  validTo?: string;
}

/** `pricing.rule.end` */
export class EndPriceRuleRequest extends EndPriceRuleBody {
  @ApiProperty()
  @Uuid()
  id: string;
}

export class GetPriceRuleRequest {
  @ApiProperty()
  @Uuid()
  id: string;
}

/** Filters shared by listing and exporting rules. */
export class PriceRuleFilter {
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(RULE_CODE_PATTERN, 64, 'code must be a valid rule code')
  code?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency?: Currency;
  @ApiPropertyOptional() @IsOptional() @Uuid() customerId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'customerType must be a valid code')
  customerType?: string;
  @ApiPropertyOptional() @IsOptional() @Sku() sku?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'category must be a valid code')
  category?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(REGION_PATTERN, 32, 'shipToRegion must be a region code')
  shipToRegion?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string;
  @ApiPropertyOptional({ enum: RuleMethods })
  @IsOptional()
  @IsIn(RuleMethods, { message: `method must be one of ${RuleMethods.join(', ')}` })
  method?: RuleMethod;
  @ApiPropertyOptional({ description: 'Only rules in effect on this day' })
  @IsOptional()
  @IsoDate()
  activeOn?: string;
}

/** `pricing.rule.list`: ordered by code. */
export class ListPriceRulesRequest extends PriceRuleFilter {
  @ApiPropertyOptional({ default: PAGE_LIMIT_DEFAULT })
  @IsOptional()
  @QueryIntIn(1, PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @QueryIntIn(0, PAGE_OFFSET_MAX)
  offset?: number;
}

export class RuleBreakView {
  @ApiProperty() from: number;
  @ApiPropertyOptional() unitPriceMinor?: number;
  @ApiPropertyOptional() percent?: number;
}

export class PriceRuleView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() description: string;
  @ApiProperty() currency: Currency;
  @ApiPropertyOptional() customerId?: string;
  @ApiPropertyOptional() customerType?: string;
  @ApiPropertyOptional() sku?: string;
  @ApiPropertyOptional() category?: string;
  @ApiPropertyOptional() shipToRegion?: string;
  @ApiPropertyOptional() shipFromLocation?: string;
  @ApiProperty({ enum: RuleMethods }) method: RuleMethod;
  @ApiProperty({ enum: BreakBases }) breakBasis: BreakBasis;
  @ApiProperty({ type: [RuleBreakView] }) breaks: RuleBreakView[];
  @ApiProperty() validFrom: string;
  @ApiPropertyOptional() validTo?: string;
  @ApiProperty({ description: 'Precedence rank from the targets: higher wins' }) specificity: number;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
