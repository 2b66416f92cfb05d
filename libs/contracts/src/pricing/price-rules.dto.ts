import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../common/paging.js';
import { CODE_PATTERN, SKU_PATTERN } from '../inventory/inventory.dto.js';
import {
  BreakBases,
  type BreakBasis,
  CLASS_PATTERN,
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
  @IsInt()
  @Min(0)
  from: number;

  @ApiPropertyOptional({ example: 1799, description: 'PRICE rules: the unit price in minor units' })
  @IsOptional()
  @IsInt()
  @Min(0)
  unitPriceMinor?: number;

  @ApiPropertyOptional({
    example: 12.5,
    description: 'DISCOUNT (0-100) and MARKUP (≥ 0) rules: percent, at most 4 decimals',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
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
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ description: 'Target: one customer (orders customer id)' })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId?: string | null;

  @ApiPropertyOptional({ example: 'WHOLESALE' })
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'customerType must be a code of 1-32 letters, digits, dot, dash or underscore' })
  customerType?: string | null;

  @ApiPropertyOptional({ example: 'V123' })
  @IsOptional()
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku?: string | null;

  @ApiPropertyOptional({ example: 'WIDGETS' })
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'category must be a code of 1-32 letters, digits, dot, dash or underscore' })
  category?: string | null;

  @ApiPropertyOptional({ example: 'NL' })
  @IsOptional()
  @Matches(REGION_PATTERN, { message: 'shipToRegion must be a region code such as NL or US-NY' })
  shipToRegion?: string | null;

  @ApiPropertyOptional({ example: 'WH1', description: 'Target: ship-from warehouse location' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'shipFromLocation must be a valid location code' })
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
  @IsInt()
  @Min(0)
  unitPriceMinor?: number;

  @ApiPropertyOptional({ example: 10, description: 'DISCOUNT or MARKUP rule without breaks: the percentage' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  percent?: number;

  @ApiPropertyOptional({
    type: [RuleBreakInput],
    description: 'Breaks, ascending by `from`; the highest one reached applies',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RuleBreakInput)
  breaks?: RuleBreakInput[];

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day the rule applies; today when absent' })
  @IsOptional()
  @IsDateString({}, { message: 'validFrom must be an ISO date' })
  validFrom?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Last day the rule applies (inclusive); open-ended when absent',
  })
  @IsOptional()
  @IsDateString({}, { message: 'validTo must be an ISO date' })
  validTo?: string | null;
}

/** `pricing.rule.create`: `method` is required too (checked with the other rule rules). */
export class CreatePriceRuleRequest extends PriceRuleFields {
  @ApiProperty({ example: 'ACME-V123', description: 'Unique code; spreadsheet rows are matched by it' })
  @Matches(RULE_CODE_PATTERN, { message: 'code must be 1-64 letters, digits, dot, dash or underscore' })
  code: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency: Currency;
}

/** The body of a rule change: fields given replace the rule's; `null` clears a target or the end date. */
export class ChangePriceRuleBody extends PriceRuleFields {
  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency?: Currency;
}

/** `pricing.rule.update` */
export class UpdatePriceRuleRequest extends ChangePriceRuleBody {
  @ApiProperty()
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

/** The body of ending a rule: it applies up to and including `validTo` (today when absent). */
export class EndPriceRuleBody {
  @ApiPropertyOptional({ example: '2026-06-30' })
  @IsOptional()
  @IsDateString({}, { message: 'validTo must be an ISO date' })
  validTo?: string;
}

/** `pricing.rule.end` */
export class EndPriceRuleRequest extends EndPriceRuleBody {
  @ApiProperty()
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class GetPriceRuleRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

/** Filters shared by listing and exporting rules. */
export class PriceRuleFilter {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(RULE_CODE_PATTERN, { message: 'code must be a valid rule code' })
  code?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency?: Currency;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'customerId must be a UUID' }) customerId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'customerType must be a valid code' })
  customerType?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' }) sku?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'category must be a valid code' })
  category?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(REGION_PATTERN, { message: 'shipToRegion must be a region code' })
  shipToRegion?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'shipFromLocation must be a location code' })
  shipFromLocation?: string;
  @ApiPropertyOptional({ enum: RuleMethods })
  @IsOptional()
  @IsIn(RuleMethods, { message: `method must be one of ${RuleMethods.join(', ')}` })
  method?: RuleMethod;
  @ApiPropertyOptional({ description: 'Only rules in effect on this day' })
  @IsOptional()
  @IsDateString({}, { message: 'activeOn must be an ISO date' })
  activeOn?: string;
}

/** `pricing.rule.list`: ordered by code. */
export class ListPriceRulesRequest extends PriceRuleFilter {
  @ApiPropertyOptional({ default: PAGE_LIMIT_DEFAULT, minimum: 1, maximum: PAGE_LIMIT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
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
