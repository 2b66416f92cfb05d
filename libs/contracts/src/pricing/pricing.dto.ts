import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsoDate, Matching, MinorUnits, Sku } from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';

export class SetPriceRequest {
  @ApiProperty({ example: 'V123' })
  @Sku()
  sku: string;

  @ApiProperty({ example: 'EUR' })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;

  @ApiProperty({ example: 1999, description: 'Unit price in minor units' })
  @MinorUnits()
  unitPriceMinor: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day the price applies; today when absent' })
  @IsOptional()
  @IsoDate()
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
  @Sku()
  sku?: string;
}
