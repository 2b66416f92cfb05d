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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';
import { CODE_PATTERN } from '../inventory/inventory.dto.js';
import {
  CLASS_PATTERN,
  FreightMethods,
  type FreightMethod,
  REGION_PATTERN,
  RULE_CODE_PATTERN,
} from './pricing.values.js';

/** `pricing.taxrate.set`: the rate of a tax class in a region from a day on (same region, class and day: replaced). */
export class SetTaxRateRequest {
  @ApiProperty({ example: 'NL' })
  @Matches(REGION_PATTERN, { message: 'region must be a region code such as NL or US-NY' })
  region: string;

  @ApiProperty({ example: 'STANDARD', description: 'Item tax class; items without one are STANDARD' })
  @Matches(CLASS_PATTERN, { message: 'taxClass must be a code of 1-32 letters, digits, dot, dash or underscore' })
  taxClass: string;

  @ApiProperty({ example: 21, description: 'Percent, 0-100, at most 4 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  percent: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day the rate applies; today when absent' })
  @IsOptional()
  @IsDateString({}, { message: 'validFrom must be an ISO date' })
  validFrom?: string;

  @ApiPropertyOptional({ example: 'BTW hoog tarief' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class TaxRateView {
  @ApiProperty() id: string;
  @ApiProperty() region: string;
  @ApiProperty() taxClass: string;
  @ApiProperty() percent: number;
  @ApiProperty() validFrom: string;
  @ApiProperty() description: string;
}

export class ListTaxRatesRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(REGION_PATTERN, { message: 'region must be a region code' })
  region?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'taxClass must be a valid code' })
  taxClass?: string;
}

export class FreightTierInput {
  @ApiProperty({ example: 10000, description: 'From this merchandise amount (minor units)' })
  @IsInt()
  @Min(0)
  fromMinor: number;

  @ApiProperty({ example: 495 })
  @IsInt()
  @Min(0)
  amountMinor: number;
}

/** `pricing.freight.set`: creates or replaces the freight rule with this code. */
export class SetFreightRuleRequest {
  @ApiProperty({ example: 'NL-STANDARD' })
  @Matches(RULE_CODE_PATTERN, { message: 'code must be 1-64 letters, digits, dot, dash or underscore' })
  code: string;

  @ApiPropertyOptional({ example: 'Parcel, Netherlands' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency: Currency;

  @ApiPropertyOptional({ example: 'NL', description: 'Only for this ship-to region' })
  @IsOptional()
  @Matches(REGION_PATTERN, { message: 'shipToRegion must be a region code such as NL or US-NY' })
  shipToRegion?: string;

  @ApiPropertyOptional({ example: 'WH1', description: 'Only for orders shipped from this location' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'shipFromLocation must be a valid location code' })
  shipFromLocation?: string;

  @ApiProperty({ enum: FreightMethods })
  @IsIn(FreightMethods, { message: `method must be one of ${FreightMethods.join(', ')}` })
  method: FreightMethod;

  @ApiPropertyOptional({ example: 695, description: 'FLAT: the amount' })
  @IsOptional()
  @IsInt()
  @Min(0)
  amountMinor?: number;

  @ApiPropertyOptional({ example: 120, description: 'WEIGHT: amount per kg of the lines (rounded half-up)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  perKgMinor?: number;

  @ApiPropertyOptional({ type: [FreightTierInput], description: 'AMOUNT: ascending tiers of merchandise amount' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FreightTierInput)
  tiers?: FreightTierInput[];

  @ApiPropertyOptional({ example: 10000, description: 'No freight when the merchandise amount is at least this' })
  @IsOptional()
  @IsInt()
  @Min(0)
  freeAboveMinor?: number;

  @ApiPropertyOptional({ example: 'STANDARD', description: 'Freight is taxed at this class when given' })
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'taxClass must be a valid code' })
  taxClass?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsDateString({}, { message: 'validFrom must be an ISO date' })
  validFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (inclusive)' })
  @IsOptional()
  @IsDateString({}, { message: 'validTo must be an ISO date' })
  validTo?: string;
}

export class FreightTierView {
  @ApiProperty() fromMinor: number;
  @ApiProperty() amountMinor: number;
}

export class FreightRuleView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() description: string;
  @ApiProperty() currency: Currency;
  @ApiPropertyOptional() shipToRegion?: string;
  @ApiPropertyOptional() shipFromLocation?: string;
  @ApiProperty({ enum: FreightMethods }) method: FreightMethod;
  @ApiPropertyOptional() amountMinor?: number;
  @ApiPropertyOptional() perKgMinor?: number;
  @ApiPropertyOptional({ type: [FreightTierView] }) tiers?: FreightTierView[];
  @ApiPropertyOptional() freeAboveMinor?: number;
  @ApiPropertyOptional() taxClass?: string;
  @ApiProperty() validFrom: string;
  @ApiPropertyOptional() validTo?: string;
}

export class ListFreightRulesRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency?: Currency;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(REGION_PATTERN, { message: 'shipToRegion must be a region code' })
  shipToRegion?: string;
}

/** `pricing.charge.set`: a named miscellaneous charge and its default amount in a currency. */
export class SetChargeCodeRequest {
  @ApiProperty({ example: 'RETURN_HANDLING' })
  @Matches(RULE_CODE_PATTERN, { message: 'code must be 1-64 letters, digits, dot, dash or underscore' })
  code: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency: Currency;

  @ApiProperty({ example: 'Return handling charge' })
  @IsString()
  @MaxLength(200)
  description: string;

  @ApiProperty({ example: 500, description: 'Default amount in minor units' })
  @IsInt()
  @Min(0)
  amountMinor: number;

  @ApiPropertyOptional({ example: 'STANDARD', description: 'Taxed at this class when given' })
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'taxClass must be a valid code' })
  taxClass?: string;
}

export class ChargeCodeView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() currency: Currency;
  @ApiProperty() description: string;
  @ApiProperty() amountMinor: number;
  @ApiPropertyOptional() taxClass?: string;
}

export class ListChargeCodesRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(RULE_CODE_PATTERN, { message: 'code must be a valid charge code' })
  code?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency?: Currency;
}
