import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDateString,
  IsIn,
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
import { CODE_PATTERN } from '../inventory/inventory.dto.js';

export const PickTicketStatuses = ['OPEN', 'PICKED', 'PACKED', 'SHIPPED'] as const;
export type PickTicketStatus = (typeof PickTicketStatuses)[number];
export const ShipmentStatuses = ['PACKED', 'SHIPPED'] as const;
export type ShipmentStatus = (typeof ShipmentStatuses)[number];

export class GeneratePickTicketsRequest {
  @ApiPropertyOptional({ description: 'Only demand shipping from this location' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'locationCode must be a valid location code' })
  locationCode?: string;

  @ApiPropertyOptional({
    description: 'Cut-off: only demand from orders dated on or before this instant; now when absent',
  })
  @IsOptional()
  @IsDateString({}, { message: 'cutoff must be an ISO date-time' })
  cutoff?: string;
}

export class PickTicketLineView {
  @ApiProperty() orderLineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() pickedQuantity: number;
  @ApiProperty() packedQuantity: number;
}

export class PickTicketView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'PT-000001' }) number: string;
  @ApiProperty() orderId: string;
  @ApiProperty() orderNumber: string;
  @ApiProperty() locationCode: string;
  @ApiProperty({ description: 'Picking cycle counter of the run that printed it' }) pickingCycle: number;
  @ApiProperty({ enum: PickTicketStatuses }) status: PickTicketStatus;
  @ApiProperty() cutoff: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [PickTicketLineView] }) lines: PickTicketLineView[];
  @ApiPropertyOptional({ description: 'The shipment packing made of this ticket, once packed' }) shipmentId?: string;
}

export class ListPickTicketsRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'orderId must be a UUID' })
  orderId?: string;

  @ApiPropertyOptional({ enum: PickTicketStatuses })
  @IsOptional()
  @IsIn(PickTicketStatuses, { message: `status must be one of ${PickTicketStatuses.join(', ')}` })
  status?: PickTicketStatus;
}

export class LineQuantity {
  @ApiProperty()
  @IsUUID('all', { message: 'orderLineId must be a UUID' })
  orderLineId: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  quantity: number;
}

export class ConfirmPicksRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'pickTicketId must be a UUID' })
  pickTicketId: string;

  @ApiPropertyOptional({ type: [LineQuantity], description: 'Quantities picked; every line in full when absent' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => LineQuantity)
  lines?: LineQuantity[];
}

export class ContainerRequest {
  @ApiPropertyOptional({ example: 'BOX-1' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  code?: string;

  @ApiPropertyOptional({ example: 1200, description: 'Gross weight in grams' })
  @IsOptional()
  @IsInt()
  @Min(0)
  weightGrams?: number;

  @ApiProperty({ type: [LineQuantity] })
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineQuantity)
  lines: LineQuantity[];
}

export class PackRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'pickTicketId must be a UUID' })
  pickTicketId: string;

  @ApiPropertyOptional({ type: [ContainerRequest], description: 'One container with everything picked when absent' })
  @IsOptional()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ContainerRequest)
  containers?: ContainerRequest[];
}

export class ShipRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'shipmentId must be a UUID' })
  shipmentId: string;

  @ApiProperty({ example: 'DHL' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  carrier: string;

  @ApiProperty({ example: '1Z999AA10123456784' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  trackingNumber: string;
}

export class ContainerView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiPropertyOptional() weightGrams?: number;
  @ApiProperty({ type: [LineQuantity] }) lines: LineQuantity[];
}

export class ShipmentView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'SH-000001' }) number: string;
  @ApiProperty() pickTicketId: string;
  @ApiProperty() orderId: string;
  @ApiProperty() locationCode: string;
  @ApiProperty({ enum: ShipmentStatuses }) status: ShipmentStatus;
  @ApiPropertyOptional() carrier?: string;
  @ApiPropertyOptional() trackingNumber?: string;
  @ApiPropertyOptional() shippedAt?: string;
  @ApiProperty({ type: [ContainerView] }) containers: ContainerView[];
}

/** `events.warehouse.pickticket.printed` */
export interface PickTicketPrintedEvent {
  pickTicketId: string;
  /** `PT-000001` (optional only so older producers and test fixtures stay valid). */
  number?: string;
  /** Picking cycle of the run that printed it; billing can select shipped items by it. */
  pickingCycle?: number;
  orderId: string;
  locationCode: string;
  lines: Array<{ orderLineId: string; sku: string; quantity: number }>;
}

/** `events.warehouse.shipment.shipped`: inventory takes stock out, orders and billing follow. */
export interface ShipmentShippedEvent {
  shipmentId: string;
  shipmentNumber: string;
  /** The pick ticket this shipment was packed from and its picking cycle (optional: added later). */
  pickTicketId?: string;
  pickingCycle?: number;
  orderId: string;
  orderNumber: string;
  locationCode: string;
  carrier: string;
  trackingNumber: string;
  shippedAt: string;
  lines: Array<{ orderLineId: string; sku: string; quantity: number }>;
}
