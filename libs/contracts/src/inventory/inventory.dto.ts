import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import {
  Code,
  IntIn,
  ListOf,
  MAX_KIT_COMPONENT_QUANTITY,
  MAX_WEIGHT_GRAMS,
  Matching,
  NestedList,
  Quantity,
  Sku,
  Text,
  TextLimits,
} from '../common/bounds.js';
import { PageQuery } from '../common/paging.js';
import { CODE_PATTERN, SKU_PATTERN } from './inventory.patterns.js';

export { CODE_PATTERN, SKU_PATTERN } from './inventory.patterns.js';
export { Allocation, SourceKinds, type SourceKind } from './allocation.dto.js';

/** The most components one kit may have. */
export const MAX_KIT_COMPONENTS = 100;
/** The most SKUs one item look-up may name. */
export const MAX_LOOKUP_SKUS = 10_000;

export class CreateProductRequest {
  @ApiProperty({ example: 'WIDGET', description: 'Unique code of the product; its variants are our SKUs' })
  @Matching(CODE_PATTERN, 32, 'code must be 1-32 letters, digits, dot, dash or underscore')
  code: string;

  @ApiProperty({ example: 'Widget' })
  @Text(TextLimits.name, { min: 1 })
  name: string;
}

export class KitComponent {
  @ApiProperty({ example: 'V123', description: 'SKU of the component item' })
  @Sku()
  sku: string;

  @ApiProperty({ example: 2, description: 'How many of the component one kit holds' })
  @Quantity({ max: MAX_KIT_COMPONENT_QUANTITY })
  quantity: number;
}

export class CreateItemRequest {
  @ApiProperty({ example: 'V123', description: 'Our SKU (a product variant); unique' })
  @Matching(SKU_PATTERN, 64, 'sku must be 1-64 letters, digits, dot, dash or underscore')
  sku: string;

  @ApiProperty({ example: 'Blue widget, large' })
  @Text(TextLimits.name, { min: 1 })
  name: string;

  @ApiPropertyOptional({ example: 'WIDGET', description: 'The product this item is a variant of' })
  @IsOptional()
  @Code('product code')
  productCode?: string;

  @ApiPropertyOptional({ default: true, description: 'Whether stock is counted for this item' })
  @IsOptional()
  @IsBoolean()
  inventoried?: boolean;

  @ApiPropertyOptional({ default: 'EA', example: 'EA' })
  @IsOptional()
  @Matching(/^[A-Z]{1,8}$/, 8, 'stockUnit must be 1-8 capital letters')
  stockUnit?: string;

  @ApiPropertyOptional({ example: 250, description: 'Weight of one stock unit in grams' })
  @IsOptional()
  @IntIn(0, MAX_WEIGHT_GRAMS)
  weightGrams?: number;

  @ApiPropertyOptional({ example: 'WIDGETS', description: 'Item category (pricing tables can key on it)' })
  @IsOptional()
  @Code()
  category?: string;

  @ApiPropertyOptional({
    default: 'STANDARD',
    example: 'STANDARD',
    description: 'Tax class (pricing picks the tax rate by it)',
  })
  @IsOptional()
  @Code()
  taxClass?: string;

  @ApiPropertyOptional({ example: 'WH1', description: 'The warehouse location the item is linked to (with a bin)' })
  @IsOptional()
  @Code('location code')
  warehouseLocationCode?: string;

  @ApiPropertyOptional({ example: 'A-01-03', description: 'Bin at the linked warehouse location' })
  @IsOptional()
  @Code('bin code')
  bin?: string;

  @ApiPropertyOptional({ description: 'Makes the item a kit of these items' })
  @IsOptional()
  @NestedList(() => KitComponent, { max: MAX_KIT_COMPONENTS })
  components?: KitComponent[];
}

export class ItemView {
  @ApiProperty() id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() productCode?: string;
  @ApiProperty() inventoried: boolean;
  @ApiProperty() stockUnit: string;
  @ApiPropertyOptional() weightGrams?: number;
  @ApiPropertyOptional() category?: string;
  @ApiProperty() taxClass: string;
  @ApiProperty({
    description: 'Linked to a warehouse location and bin (drives default line and fulfill status in orders)',
  })
  linkedToWarehouse: boolean;
  @ApiPropertyOptional() warehouseLocationCode?: string;
  @ApiPropertyOptional() bin?: string;
  @ApiProperty({ description: 'Whether the item is a kit of components' }) kit: boolean;
  @ApiProperty({ type: [KitComponent] }) components: KitComponent[];
  @ApiProperty() createdAt: string;
}

/** `events.inventory.item.created`: the new item as GET /items/:sku shows it (pricing keeps category, tax class and weight). */
export type ItemCreatedEvent = ItemView;

export class GetItemRequest {
  @ApiProperty()
  @Sku()
  sku: string;
}

export class ListItemsRequest extends PageQuery {
  @ApiPropertyOptional({ description: 'Only variants of this product' })
  @IsOptional()
  @Code('product code')
  productCode?: string;
}

export class LookupItemsRequest {
  @ApiProperty({ type: [String], example: ['V123', 'V456'] })
  @ListOf({ min: 1, max: MAX_LOOKUP_SKUS })
  @Matches(SKU_PATTERN, { each: true, message: 'skus must be valid SKUs' })
  skus: string[];
}

export class LookupItemsReply {
  @ApiProperty({ type: [ItemView] }) items: ItemView[];
  @ApiProperty({ type: [String], description: 'SKUs that are not items' }) unknown: string[];
}

export class ProductView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ItemView], description: 'Its variants (our SKUs)' }) variants: ItemView[];
}

export class GetProductRequest {
  @ApiProperty()
  @Code('product code')
  code: string;
}

export class ListProductsRequest extends PageQuery {}
