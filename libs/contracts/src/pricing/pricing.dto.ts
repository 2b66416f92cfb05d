import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, Matches, Min } from 'class-validator';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';
import { SKU_PATTERN } from '../inventory/inventory.dto.js';

export class SetPriceRequest {
  @ApiProperty({ example: 'V123' })
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency: Currency;

  @ApiProperty({ example: 1999, description: 'Unit price in minor units' })
  @IsInt()
  @Min(0)
  unitPriceMinor: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day the price applies; today when absent' })
  @IsOptional()
  @IsDateString({}, { message: 'validFrom must be an ISO date' })
  validFrom?: string;
}

export class PriceView {
  @ApiProperty() id: string;
  @ApiProperty() sku: string;
  @ApiProperty() currency: Currency;
  @ApiProperty() unitPriceMinor: number;
  @ApiProperty() validFrom: string;
}

export class ListPricesRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku?: string;
}
