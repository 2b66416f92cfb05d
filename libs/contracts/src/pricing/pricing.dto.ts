import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
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

export class PriceLineRequest {
  @ApiProperty({ description: 'Caller-chosen line id, echoed back' })
  @IsString()
  lineId: string;

  @ApiProperty()
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  quantity: number;
}

export class PriceOrderRequest {
  @ApiProperty({ example: 'EUR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency: Currency;

  @ApiPropertyOptional({ description: 'Price as of this date; today when absent' })
  @IsOptional()
  @IsDateString({}, { message: 'asOf must be an ISO date' })
  asOf?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  customerId?: string;

  @ApiProperty({ type: [PriceLineRequest] })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => PriceLineRequest)
  lines: PriceLineRequest[];
}

export class PricedLineView {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPriceMinor: number;
  @ApiProperty() lineTotalMinor: number;
  @ApiProperty({ description: 'The price record that produced this price' }) priceId: string;
}

export class PriceOrderReply {
  @ApiProperty() currency: Currency;
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [PricedLineView] }) lines: PricedLineView[];
  @ApiProperty({ description: 'Sum of line totals, minor units' }) totalMinor: number;
}
