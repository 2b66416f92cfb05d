import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import {
  Code,
  IntIn,
  ListOf,
  MAX_LINE_UNITS,
  NestedList,
  Quantity,
  Sku,
  Text,
  TextLimits,
  Uuid,
} from '../common/bounds.js';
import { Allocation } from './allocation.dto.js';
import { KitComponent } from './inventory.dto.js';

/** The most lines one reservation request (or release, or reversal) may name. */
export const MAX_RESERVE_LINES = 10_000;

export class ReserveLine {
  @ApiProperty({ description: 'Order line id; reservations are keyed by it' })
  @Uuid()
  lineId: string;

  @ApiProperty()
  @Sku()
  sku: string;

  @ApiProperty()
  @Quantity({ max: MAX_LINE_UNITS })
  quantity: number;

  @ApiPropertyOptional({
    description: "Force this ship-from location (overrides the order's shipFromLocation and sourceCode)",
  })
  @IsOptional()
  @Code('location code')
  locationCode?: string;

  @ApiPropertyOptional({ description: "Force this source (overrides the order's shipFromLocation and sourceCode)" })
  @IsOptional()
  @Code('source code')
  sourceCode?: string;
}

export class ReserveStockRequest {
  @ApiProperty()
  @Uuid()
  orderId: string;

  @ApiProperty()
  @NestedList(() => ReserveLine, { min: 1, max: MAX_RESERVE_LINES })
  lines: ReserveLine[];

  @ApiPropertyOptional({
    description: 'Ship every line from this location unless a line names its own location or source',
  })
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string;

  @ApiPropertyOptional({
    description: 'Fill every line from this source unless a line names its own location or source',
  })
  @IsOptional()
  @Code('source code')
  sourceCode?: string;

  @ApiPropertyOptional({ default: true, description: 'May one line be filled from several locations' })
  @IsOptional()
  @IsBoolean()
  allowSplit?: boolean;

  @ApiPropertyOptional({ default: 0, description: 'Back-orders of higher-priority orders are released first' })
  @IsOptional()
  @IntIn(0, 9)
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
  @Uuid()
  orderId: string;

  @ApiPropertyOptional({ description: 'Only these lines; all of the order when absent' })
  @IsOptional()
  @ListOf({ max: MAX_RESERVE_LINES })
  @Uuid({ each: true })
  lineIds?: string[];
}

export class ReleaseStockReply {
  @ApiProperty() released: number;
}

export class MoveReservationRequest {
  @ApiProperty()
  @Uuid()
  orderLineId: string;

  @ApiProperty({ example: 'WH1' })
  @Code('location code')
  fromLocationCode: string;

  @ApiProperty({ example: 'WH2' })
  @Code('location code')
  toLocationCode: string;

  @ApiPropertyOptional({ description: 'How much to move; all the line holds at fromLocationCode when absent' })
  @IsOptional()
  @Quantity({ max: MAX_LINE_UNITS })
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
  @Uuid()
  orderId: string;

  @ApiPropertyOptional({ description: 'Only these lines; all of the order when absent' })
  @IsOptional()
  @ListOf({ max: MAX_RESERVE_LINES })
  @Uuid({ each: true })
  lineIds?: string[];

  @ApiPropertyOptional({ example: 'Order re-opened' })
  @IsOptional()
  @Text(TextLimits.note)
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
