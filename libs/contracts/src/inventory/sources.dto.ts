import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  Code,
  INT4_MAX,
  IntIn,
  IsoDateTime,
  MAX_PRIORITY,
  Matching,
  NestedList,
  Sku,
  Text,
  TextLimits,
} from '../common/bounds.js';
import { PageQuery } from '../common/paging.js';
import { type SourceKind, SourceKinds } from './allocation.dto.js';
import { CODE_PATTERN } from './inventory.patterns.js';

/** The warehouse source locations belong to when they are created without a `sourceCode`. */
export const DEFAULT_SOURCE_CODE = 'OWN';
/** The most rows one supplier feed may have. */
export const MAX_FEED_ROWS = 20_000;

export class CreateSourceRequest {
  @ApiProperty({ example: 'DIST-A', description: 'Unique code of the source' })
  @Matching(CODE_PATTERN, 32, 'code must be 1-32 letters, digits, dot, dash or underscore')
  code: string;

  @ApiProperty({ example: 'Distributor A' })
  @Text(TextLimits.name, { min: 1 })
  name: string;

  @ApiProperty({ enum: SourceKinds, description: 'One of our warehouses, or an outside supplier that ships for us' })
  @IsIn(SourceKinds, { message: `kind must be one of ${SourceKinds.join(', ')}` })
  kind: SourceKind;

  @ApiPropertyOptional({ default: 100, description: 'Lower is used first (our warehouses always before suppliers)' })
  @IsOptional()
  @IntIn(0, MAX_PRIORITY)
  priority?: number;
}

export class SourceView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SourceKinds }) kind: SourceKind;
  @ApiProperty() priority: number;
  @ApiProperty({ type: [String], description: 'Codes of its stock locations, in priority order' }) locations: string[];
}

export class CreateLocationRequest {
  @ApiProperty({ example: 'WH1', description: 'Short unique code of the stock location' })
  @Matching(CODE_PATTERN, 32, 'code must be 1-32 letters, digits, dot, dash or underscore')
  code: string;

  @ApiProperty({ example: 'Main warehouse' })
  @Text(TextLimits.name, { min: 1 })
  name: string;

  @ApiPropertyOptional({ default: 100, description: 'Lower is used first within its source' })
  @IsOptional()
  @IntIn(0, MAX_PRIORITY)
  priority?: number;

  @ApiPropertyOptional({
    example: 'WAREHOUSE',
    description: `The warehouse source it belongs to (default ${DEFAULT_SOURCE_CODE})`,
  })
  @IsOptional()
  @Code('source code')
  sourceCode?: string;
}

export class LocationView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() priority: number;
  @ApiProperty() sourceCode: string;
  @ApiProperty({ enum: SourceKinds }) sourceKind: SourceKind;
}

export class CreateSourceItemBody {
  @ApiProperty({ example: 'A123', description: "The source's own SKU" })
  @Sku()
  supplierSku: string;

  @ApiProperty({ example: 'V123', description: 'Our SKU (variant) it is' })
  @Sku()
  sku: string;

  @ApiPropertyOptional({
    example: 1,
    description: 'For a supplier: the quantity it holds now (later changed by feeds)',
  })
  @IsOptional()
  @IntIn(0, INT4_MAX)
  quantity?: number;
}

export class CreateSourceItemRequest extends CreateSourceItemBody {
  @ApiProperty()
  @Code('source code')
  sourceCode: string;
}

export class SourceItemView {
  @ApiProperty() sourceCode: string;
  @ApiProperty({ enum: SourceKinds }) sourceKind: SourceKind;
  @ApiProperty() supplierSku: string;
  @ApiProperty() sku: string;
  @ApiProperty({ description: 'On hand at the source (all its locations)' }) onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
  @ApiPropertyOptional({ description: 'As-of time of the last feed row applied' }) feedAsOf?: string;
}

export class ListSourceItemsRequest extends PageQuery {
  @ApiProperty()
  @Code('source code')
  sourceCode: string;
}

export class SupplierFeedRow {
  @ApiProperty({ example: 'A123' })
  @Text(64)
  supplierSku: string;

  @ApiProperty({ example: 5, description: 'What the supplier holds now; a negative row is rejected, not applied' })
  @IntIn(-INT4_MAX, INT4_MAX)
  quantity: number;

  @ApiPropertyOptional({ example: '2026-11-20T08:00:00Z', description: 'When the supplier counted it (default: now)' })
  @IsOptional()
  @IsoDateTime()
  asOf?: string;
}

export class SupplierFeedBody {
  @ApiProperty()
  @NestedList(() => SupplierFeedRow, { min: 1, max: MAX_FEED_ROWS })
  rows: SupplierFeedRow[];
}

export class SupplierFeedRequest extends SupplierFeedBody {
  @ApiProperty()
  @Code('source code')
  sourceCode: string;
}

export const FeedRejectReasons = [
  'UNKNOWN_SUPPLIER_SKU',
  'NEGATIVE_QUANTITY',
  'STALE',
  'DUPLICATE_ROW',
  'BELOW_RESERVED',
] as const;
export type FeedRejectReason = (typeof FeedRejectReasons)[number];

export class FeedRejection {
  @ApiProperty({ description: 'Index of the row in the feed' }) row: number;
  @ApiProperty() supplierSku: string;
  @ApiProperty({ enum: FeedRejectReasons }) reason: FeedRejectReason;
  @ApiProperty() message: string;
}

export class FeedChange {
  @ApiProperty() supplierSku: string;
  @ApiProperty() sku: string;
  @ApiProperty() previous: number;
  @ApiProperty() quantity: number;
}

export class SupplierFeedReply {
  @ApiProperty() sourceCode: string;
  @ApiProperty({ type: [FeedChange], description: 'Rows applied' }) applied: FeedChange[];
  @ApiProperty({
    type: [FeedRejection],
    description: 'Rows rejected, each with its reason; nothing of them was applied',
  })
  rejected: FeedRejection[];
}
