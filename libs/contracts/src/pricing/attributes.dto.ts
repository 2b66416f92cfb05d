import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IntIn, MAX_WEIGHT_GRAMS, Matching, MinorUnits, NestedList, Sku, Uuid } from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';
import { CLASS_PATTERN, REGION_PATTERN } from './pricing.values.js';

/** The most items or customers one upsert may name. */
export const MAX_ATTRIBUTE_RECORDS = 10_000;

export class ItemCostInput {
  @ApiProperty({ example: 'EUR' })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;

  @ApiProperty({
    example: 1200,
    description: 'Unit cost in minor units (MARKUP rules start from it); null removes it',
    nullable: true,
  })
  @IsOptional()
  @MinorUnits()
  unitCostMinor: number | null;
}

/**
 * What pricing knows of an item: owned by inventory, kept here as pricing's own copy so a
 * price never depends on what the asker claims. Absent fields are left as they are; `null`
 * clears one.
 */
export class ItemAttributesInput {
  @ApiProperty({ example: 'V123' })
  @Sku()
  sku: string;

  @ApiPropertyOptional({ example: 'WIDGETS', nullable: true })
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'category must be a code of 1-32 letters, digits, dot, dash or underscore')
  category?: string | null;

  @ApiPropertyOptional({ example: 'STANDARD', nullable: true })
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'taxClass must be a code of 1-32 letters, digits, dot, dash or underscore')
  taxClass?: string | null;

  @ApiPropertyOptional({ example: 250, description: 'Weight of one unit in grams (freight by weight)', nullable: true })
  @IsOptional()
  @IntIn(0, MAX_WEIGHT_GRAMS)
  weightGrams?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @NestedList(() => ItemCostInput, { max: 20 })
  unitCosts?: ItemCostInput[];
}

/** `pricing.item.upsert` */
export class UpsertItemAttributesRequest {
  @ApiProperty()
  @NestedList(() => ItemAttributesInput, { min: 1, max: MAX_ATTRIBUTE_RECORDS })
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
  @ApiPropertyOptional() @IsOptional() @Sku() sku?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'category must be a valid code')
  category?: string;
}

/** What pricing knows of a customer (owned by orders): its type and default ship-to region. */
export class CustomerAttributesInput {
  @ApiProperty()
  @Uuid()
  customerId: string;

  @ApiPropertyOptional({ example: 'WHOLESALE', nullable: true })
  @IsOptional()
  @Matching(CLASS_PATTERN, 32, 'customerType must be a code of 1-32 letters, digits, dot, dash or underscore')
  customerType?: string | null;

  @ApiPropertyOptional({
    example: 'NL',
    nullable: true,
    description: 'Used when a pricing request names no ship-to region',
  })
  @IsOptional()
  @Matching(REGION_PATTERN, 32, 'shipToRegion must be a region code such as NL or US-NY')
  shipToRegion?: string | null;
}

/** `pricing.customer.upsert` */
export class UpsertCustomerAttributesRequest {
  @ApiProperty()
  @NestedList(() => CustomerAttributesInput, { min: 1, max: MAX_ATTRIBUTE_RECORDS })
  customers: CustomerAttributesInput[];
}

export class CustomerAttributesView {
  @ApiProperty() customerId: string;
  @ApiPropertyOptional() customerType?: string;
  @ApiPropertyOptional() shipToRegion?: string;
}

export class ListCustomerAttributesRequest extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Uuid() customerId?: string;
}

/** Reply of both upserts: how many records the request named. */
export class UpsertAttributesReply {
  @ApiProperty() upserted: number;
}
