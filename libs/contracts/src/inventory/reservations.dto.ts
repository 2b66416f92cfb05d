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
  ValidateNested,
} from 'class-validator';
import { Allocation } from './allocation.dto.js';
import { KitComponent } from './inventory.dto.js';
import { CODE_PATTERN, SKU_PATTERN } from './inventory.patterns.js';

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

  @ApiPropertyOptional({
    description: "Force this ship-from location (overrides the order's shipFromLocation and sourceCode)",
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'locationCode must be a valid location code' })
  locationCode?: string;

  @ApiPropertyOptional({ description: "Force this source (overrides the order's shipFromLocation and sourceCode)" })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'sourceCode must be a valid source code' })
  sourceCode?: string;
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

  @ApiPropertyOptional({
    description: 'Ship every line from this location unless a line names its own location or source',
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'shipFromLocation must be a valid location code' })
  shipFromLocation?: string;

  @ApiPropertyOptional({
    description: 'Fill every line from this source unless a line names its own location or source',
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'sourceCode must be a valid source code' })
  sourceCode?: string;

  @ApiPropertyOptional({ default: true, description: 'May one line be filled from several locations' })
  @IsOptional()
  @IsBoolean()
  allowSplit?: boolean;

  @ApiPropertyOptional({ default: 0, description: 'Back-orders of higher-priority orders are released first' })
  @IsOptional()
  @IsInt()
  priority?: number;
}

export class ReservedLineView {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() requested: number;
  @ApiProperty() reserved: number;
  @ApiProperty() backordered: number;
  @ApiProperty({ type: [Allocation] }) allocations: Allocation[];
  @ApiPropertyOptional({
    description: 'False for an item whose stock is not counted (nothing is reserved; it never back-orders)',
  })
  inventoried?: boolean;
  @ApiPropertyOptional({
    description: 'Whether the item is linked to a warehouse location (and bin), so it goes through shipping',
  })
  linkedToWarehouse?: boolean;
  @ApiPropertyOptional({ type: [KitComponent], description: 'For a kit: its components per kit' })
  components?: KitComponent[];
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

export class MoveReservationRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'orderLineId must be a UUID' })
  orderLineId: string;

  @ApiProperty({ example: 'WH1' })
  @Matches(CODE_PATTERN, { message: 'fromLocationCode must be a valid location code' })
  fromLocationCode: string;

  @ApiProperty({ example: 'WH2' })
  @Matches(CODE_PATTERN, { message: 'toLocationCode must be a valid location code' })
  toLocationCode: string;

  @ApiPropertyOptional({ description: 'How much to move; all the line holds at fromLocationCode when absent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  quantity?: number;
}

export class MoveReservationReply {
  @ApiProperty() orderLineId: string;
  @ApiProperty() moved: number;
  @ApiProperty({ type: [Allocation], description: 'Where the line is reserved now' }) allocations: Allocation[];
}

/** `inventory.order.reverse`: an order is re-opened; what shipped comes back on hand and its reservations are released. */
export class ReverseOrderStockRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'orderId must be a UUID' })
  orderId: string;

  @ApiPropertyOptional({ description: 'Only these lines; all of the order when absent' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'lineIds must be UUIDs' })
  lineIds?: string[];

  @ApiPropertyOptional({ example: 'Order re-opened' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class ReversedShipment {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() locationCode: string;
  @ApiProperty({ description: 'Units back on hand' }) quantity: number;
}

export class ReverseOrderStockReply {
  @ApiProperty() orderId: string;
  @ApiProperty({ type: [ReversedShipment], description: 'Shipped units put back on hand (none when already reversed)' })
  restocked: ReversedShipment[];
  @ApiProperty({ description: 'Reserved units released' }) released: number;
}
