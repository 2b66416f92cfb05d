import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';
import { CODE_PATTERN, SKU_PATTERN } from './inventory.patterns.js';

export { CODE_PATTERN, SKU_PATTERN } from './inventory.patterns.js';
export { Allocation, SourceKinds, type SourceKind } from './allocation.dto.js';

export class CreateProductRequest {
  @ApiProperty({ example: 'WIDGET', description: 'Unique code of the product; its variants are our SKUs' })
  @Matches(CODE_PATTERN, { message: 'code must be 1-32 letters, digits, dot, dash or underscore' })
  code: string;

  @ApiProperty({ example: 'Widget' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class KitComponent {
  @ApiProperty({ example: 'V123', description: 'SKU of the component item' })
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;

  @ApiProperty({ example: 2, minimum: 1, description: 'How many of the component one kit holds' })
  @IsInt()
  @Min(1)
  quantity: number;
}

export class CreateItemRequest {
  @ApiProperty({ example: 'V123', description: 'Our SKU (a product variant); unique' })
  @Matches(SKU_PATTERN, { message: 'sku must be 1-64 letters, digits, dot, dash or underscore' })
  sku: string;

  @ApiProperty({ example: 'Blue widget, large' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'WIDGET', description: 'The product this item is a variant of' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'productCode must be a valid product code' })
  productCode?: string;

  @ApiPropertyOptional({ default: true, description: 'Whether stock is counted for this item' })
  @IsOptional()
  @IsBoolean()
  inventoried?: boolean;

  @ApiPropertyOptional({ default: 'EA', example: 'EA' })
  @IsOptional()
  @Matches(/^[A-Z]{1,8}$/, { message: 'stockUnit must be 1-8 capital letters' })
  stockUnit?: string;

  @ApiPropertyOptional({ example: 250, description: 'Weight of one stock unit in grams' })
  @IsOptional()
  @IsInt()
  @Min(0)
  weightGrams?: number;

  @ApiPropertyOptional({ example: 'WIDGETS', description: 'Item category (pricing tables can key on it)' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'category must be a valid code' })
  category?: string;

  @ApiPropertyOptional({
    default: 'STANDARD',
    example: 'STANDARD',
    description: 'Tax class (pricing picks the tax rate by it)',
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'taxClass must be a valid code' })
  taxClass?: string;

  @ApiPropertyOptional({ example: 'WH1', description: 'The warehouse location the item is linked to (with a bin)' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouseLocationCode must be a valid location code' })
  warehouseLocationCode?: string;

  @ApiPropertyOptional({ example: 'A-01-03', description: 'Bin at the linked warehouse location' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'bin must be a valid bin code' })
  bin?: string;

  @ApiPropertyOptional({ type: [KitComponent], description: 'Makes the item a kit of these items' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => KitComponent)
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
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;
}

export class ListItemsRequest extends PageQuery {
  @ApiPropertyOptional({ description: 'Only variants of this product' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'productCode must be a valid product code' })
  productCode?: string;
}

export class LookupItemsRequest {
  @ApiProperty({ type: [String], example: ['V123', 'V456'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
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
  @Matches(CODE_PATTERN, { message: 'code must be a valid product code' })
  code: string;
}

export class ListProductsRequest extends PageQuery {}
