import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';
import { SKU_PATTERN } from '../inventory/inventory.dto.js';
import { CLASS_PATTERN, REGION_PATTERN } from './pricing.values.js';

export class ItemCostInput {
  @ApiProperty({ example: 'EUR' })
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency: Currency;

  @ApiProperty({
    example: 1200,
    description: 'Unit cost in minor units (MARKUP rules start from it); null removes it',
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  unitCostMinor: number | null;
}

/**
 * What pricing knows of an item: owned by inventory, kept here as pricing's own copy so a
 * price never depends on what the asker claims. Absent fields are left as they are; `null`
 * clears one.
 */
export class ItemAttributesInput {
  @ApiProperty({ example: 'V123' })
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;

  @ApiPropertyOptional({ example: 'WIDGETS', nullable: true })
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'category must be a code of 1-32 letters, digits, dot, dash or underscore' })
  category?: string | null;

  @ApiPropertyOptional({ example: 'STANDARD', nullable: true })
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'taxClass must be a code of 1-32 letters, digits, dot, dash or underscore' })
  taxClass?: string | null;

  @ApiPropertyOptional({ example: 250, description: 'Weight of one unit in grams (freight by weight)', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  weightGrams?: number | null;

  @ApiPropertyOptional({ type: [ItemCostInput] })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ItemCostInput)
  unitCosts?: ItemCostInput[];
}

/** `pricing.item.upsert` */
export class UpsertItemAttributesRequest {
  @ApiProperty({ type: [ItemAttributesInput] })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => ItemAttributesInput)
  items: ItemAttributesInput[];
}

export class ItemCostView {
  @ApiProperty() currency: Currency;
  @ApiProperty() unitCostMinor: number;
}

export class ItemAttributesView {
  @ApiProperty() sku: string;
  @ApiPropertyOptional() category?: string;
  @ApiPropertyOptional() taxClass?: string;
  @ApiPropertyOptional() weightGrams?: number;
  @ApiProperty({ type: [ItemCostView] }) unitCosts: ItemCostView[];
}

export class ListItemAttributesRequest extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' }) sku?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'category must be a valid code' })
  category?: string;
}

/** What pricing knows of a customer (owned by orders): its type and default ship-to region. */
export class CustomerAttributesInput {
  @ApiProperty()
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId: string;

  @ApiPropertyOptional({ example: 'WHOLESALE', nullable: true })
  @IsOptional()
  @Matches(CLASS_PATTERN, { message: 'customerType must be a code of 1-32 letters, digits, dot, dash or underscore' })
  customerType?: string | null;

  @ApiPropertyOptional({
    example: 'NL',
    nullable: true,
    description: 'Used when a pricing request names no ship-to region',
  })
  @IsOptional()
  @Matches(REGION_PATTERN, { message: 'shipToRegion must be a region code such as NL or US-NY' })
  shipToRegion?: string | null;
}

/** `pricing.customer.upsert` */
export class UpsertCustomerAttributesRequest {
  @ApiProperty({ type: [CustomerAttributesInput] })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => CustomerAttributesInput)
  customers: CustomerAttributesInput[];
}

export class CustomerAttributesView {
  @ApiProperty() customerId: string;
  @ApiPropertyOptional() customerType?: string;
  @ApiPropertyOptional() shipToRegion?: string;
}

export class ListCustomerAttributesRequest extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'customerId must be a UUID' }) customerId?: string;
}

/** Reply of both upserts: how many records the request named. */
export class UpsertAttributesReply {
  @ApiProperty() upserted: number;
}
