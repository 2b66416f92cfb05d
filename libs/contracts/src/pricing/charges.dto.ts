import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Code, IsoDate, Matching, MinorUnits, NestedList, Percent, Text, TextLimits } from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';
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
  @Matching(REGION_PATTERN, 32, 'region must be a region code such as NL or US-NY')
  region: string;

  @ApiProperty({ example: 'STANDARD', description: 'Item tax class; items without one are STANDARD' })
  @Matching(CLASS_PATTERN, 32, 'taxClass must be a code of 1-32 letters, digits, dot, dash or underscore')
  taxClass: string;

  @ApiProperty({ example: 21, description: 'Percent, 0-100, at most 4 decimals' })
  @Percent(100)
  percent: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day the rate applies; today when absent' })
  @IsOptional()
  @IsoDate()
  validFrom?: string;

  @ApiPropertyOptional({ example: 'BTW hoog tarief' })
  @IsOptional()
  @Text(TextLimits.note)
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
  @Matching(REGION_PATTERN, 32, 'region must be a region code')
  region?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'taxClass must be a valid code')
  taxClass?: string;
}

export class FreightTierInput {
  @ApiProperty({ example: 10000, description: 'From this merchandise amount (minor units)' })
  @MinorUnits()
  fromMinor: number;

  @ApiProperty({ example: 495 })
  @MinorUnits()
  amountMinor: number;
}

/** `pricing.freight.set`: creates or replaces the freight rule with this code. */
export class SetFreightRuleRequest {
  @ApiProperty({ example: 'NL-STANDARD' })
  @Matching(RULE_CODE_PATTERN, 64, 'code must be 1-64 letters, digits, dot, dash or underscore')
  code: string;

  @ApiPropertyOptional({ example: 'Parcel, Netherlands' })
  @IsOptional()
  @Text(TextLimits.note)
  description?: string;

  @ApiProperty({ example: 'EUR' })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;

  @ApiPropertyOptional({ example: 'NL', description: 'Only for this ship-to region' })
  @IsOptional()
  @Matching(REGION_PATTERN, 32, 'shipToRegion must be a region code such as NL or US-NY')
  shipToRegion?: string;

  @ApiPropertyOptional({ example: 'WH1', description: 'Only for orders shipped from this location' })
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string;

  @ApiProperty({ enum: FreightMethods })
  @IsIn(FreightMethods, { message: `method must be one of ${FreightMethods.join(', ')}` })
  method: FreightMethod;

  @ApiPropertyOptional({ example: 695, description: 'FLAT: the amount' })
  @IsOptional()
  @MinorUnits()
  amountMinor?: number;

  @ApiPropertyOptional({ example: 120, description: 'WEIGHT: amount per kg of the lines (rounded half-up)' })
  @IsOptional()
  @MinorUnits()
  perKgMinor?: number;

  @ApiPropertyOptional({ description: 'AMOUNT: ascending tiers of merchandise amount' })
  @IsOptional()
  @NestedList(() => FreightTierInput, { min: 1, max: 50 })
  tiers?: FreightTierInput[];

  @ApiPropertyOptional({ example: 10000, description: 'No freight when the merchandise amount is at least this' })
  @IsOptional()
  @MinorUnits()
  freeAboveMinor?: number;

  @ApiPropertyOptional({ example: 'STANDARD', description: 'Freight is taxed at this class when given' })
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'taxClass must be a valid code')
  taxClass?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsoDate()
  validFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (inclusive)' })
  @IsOptional()
  @IsoDate()
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
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency?: Currency;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(REGION_PATTERN, 32, 'shipToRegion must be a region code')
  shipToRegion?: string;
}

/** `pricing.charge.set`: a named miscellaneous charge and its default amount in a currency. */
export class SetChargeCodeRequest {
  @ApiProperty({ example: 'RETURN_HANDLING' })
  @Matching(RULE_CODE_PATTERN, 64, 'code must be 1-64 letters, digits, dot, dash or underscore')
  code: string;

  @ApiProperty({ example: 'EUR' })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;

  @ApiProperty({ example: 'Return handling charge' })
  @Text(TextLimits.note)
  description: string;

  @ApiProperty({ example: 500, description: 'Default amount in minor units' })
  @MinorUnits()
  amountMinor: number;

  @ApiPropertyOptional({ example: 'STANDARD', description: 'Taxed at this class when given' })
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'taxClass must be a valid code')
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
  @Matching(RULE_CODE_PATTERN, 64, 'code must be a valid charge code')
  code?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency?: Currency;
}
