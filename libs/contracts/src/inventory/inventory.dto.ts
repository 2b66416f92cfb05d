import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/paging.js';

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export class CreateItemRequest {
  @ApiProperty({ example: 'V123', description: 'Our SKU (a product variant); unique' })
  @Matches(SKU_PATTERN, { message: 'sku must be 1-64 letters, digits, dot, dash or underscore' })
  sku: string;

  @ApiProperty({ example: 'Blue widget, large' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ default: true, description: 'Whether stock is counted for this item' })
  @IsOptional()
  @IsBoolean()
  inventoried?: boolean;

  @ApiPropertyOptional({ default: 'EA', example: 'EA' })
  @IsOptional()
  @Matches(/^[A-Z]{1,8}$/, { message: 'stockUnit must be 1-8 capital letters' })
  stockUnit?: string;
}

export class ItemView {
  @ApiProperty() id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() inventoried: boolean;
  @ApiProperty() stockUnit: string;
  @ApiProperty() createdAt: string;
}

export class GetItemRequest {
  @ApiProperty()
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;
}

export class ListItemsRequest extends PageQuery {}

export class CreateLocationRequest {
  @ApiProperty({ example: 'WH1', description: 'Short unique code of the stock location' })
  @Matches(CODE_PATTERN, { message: 'code must be 1-32 letters, digits, dot, dash or underscore' })
  code: string;

  @ApiProperty({ example: 'Main warehouse' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ default: 100, description: 'Lower is used first when sourcing' })
  @IsOptional()
  @IsInt()
  @Min(0)
  priority?: number;
}

export class LocationView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() priority: number;
}

export class ReceiveStockRequest {
  @ApiProperty({ example: 'V123' })
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;

  @ApiProperty({ example: 'WH1' })
  @Matches(CODE_PATTERN, { message: 'locationCode must be a valid location code' })
  locationCode: string;

  @ApiProperty({ example: 10, minimum: 1 })
  @IsInt()
  @Min(1)
  quantity: number;

  @ApiPropertyOptional({ example: 'PO-1001', description: 'Supplier document reference' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}

export class StockLevelView {
  @ApiProperty() sku: string;
  @ApiProperty() locationCode: string;
  @ApiProperty() onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
}

export class ListStockRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'locationCode must be a valid location code' })
  locationCode?: string;
}

export const LedgerKinds = ['RECEIPT', 'RESERVATION', 'RELEASE', 'SHIPMENT'] as const;
export type LedgerKind = (typeof LedgerKinds)[number];

export class LedgerEntryView {
  @ApiProperty() id: string;
  @ApiProperty() sku: string;
  @ApiProperty() locationCode: string;
  @ApiProperty({ enum: LedgerKinds }) kind: LedgerKind;
  @ApiProperty({ description: 'Change to on hand (receipts +, shipments -)' }) onHandDelta: number;
  @ApiProperty({ description: 'Change to reserved' }) reservedDelta: number;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty() actor: string;
  @ApiProperty() createdAt: string;
}

export class ReserveLine {
  @ApiProperty({ description: 'Order line id; reservations are keyed by it' })
  @IsUUID()
  lineId: string;

  @ApiProperty()
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  quantity: number;

  @ApiPropertyOptional({ description: 'Force this ship-from location' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'locationCode must be a valid location code' })
  locationCode?: string;
}

export class ReserveStockRequest {
  @ApiProperty()
  @IsUUID()
  orderId: string;

  @ApiProperty({ type: [ReserveLine] })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => ReserveLine)
  lines: ReserveLine[];
}

export class Allocation {
  @ApiProperty() locationCode: string;
  @ApiProperty() quantity: number;
}

export class ReservedLineView {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() requested: number;
  @ApiProperty() reserved: number;
  @ApiProperty() backordered: number;
  @ApiProperty({ type: [Allocation] }) allocations: Allocation[];
}

export class ReserveStockReply {
  @ApiProperty() orderId: string;
  @ApiProperty({ type: [ReservedLineView] }) lines: ReservedLineView[];
}

export class ReleaseStockRequest {
  @ApiProperty()
  @IsUUID()
  orderId: string;

  @ApiPropertyOptional({ description: 'Only these lines; all of the order when absent' })
  @IsOptional()
  @IsUUID('all', { each: true })
  lineIds?: string[];
}

export class ReleaseStockReply {
  @ApiProperty() released: number;
}
