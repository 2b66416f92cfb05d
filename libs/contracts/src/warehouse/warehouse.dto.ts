import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  Code,
  IntIn,
  IsoDateTime,
  MAX_LINE_UNITS,
  MAX_WEIGHT_GRAMS,
  NestedList,
  Quantity,
  Text,
  TextLimits,
  Uuid,
} from '../common/bounds.js';
import { PageQuery } from '../common/paging.js';

export const PickTicketStatuses = ['OPEN', 'PICKED', 'PACKED', 'SHIPPED', 'VOIDED'] as const;
export type PickTicketStatus = (typeof PickTicketStatuses)[number];
export const ShipmentStatuses = ['PACKED', 'SHIPPED', 'VOIDED'] as const;
export type ShipmentStatus = (typeof ShipmentStatuses)[number];

/** The most lines one pick confirmation or container may name. */
export const MAX_TICKET_LINES = 10_000;
/** The most containers one packing may make. */
export const MAX_CONTAINERS = 1_000;

export class GeneratePickTicketsRequest {
  @ApiPropertyOptional({ description: 'Only demand shipping from this location' })
  @IsOptional()
  @Code('location code')
  locationCode?: string;

  @ApiPropertyOptional({
    description: 'Cut-off: only demand from orders dated on or before this instant; now when absent',
  })
  @IsOptional()
  @IsoDateTime('cutoff must be an ISO date-time')
  cutoff?: string;
}

export class PickTicketLineView {
  @ApiProperty() orderLineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() pickedQuantity: number;
  @ApiProperty() packedQuantity: number;
  @ApiPropertyOptional({
    enum: ['CANCELLED', 'TERMINATED', 'HELD'],
    description: 'Set when the order line was taken off this ticket (cancelled, terminated or held after printing)',
  })
  closed?: 'CANCELLED' | 'TERMINATED' | 'HELD';
}

/** A shipment packed from a pick ticket, as the ticket shows it (so a scanner that lost a reply finds it). */
export class PickTicketShipmentView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'SH-000001' }) number: string;
  @ApiProperty({ enum: ShipmentStatuses }) status: ShipmentStatus;
  @ApiPropertyOptional() carrier?: string;
  @ApiPropertyOptional() trackingNumber?: string;
  @ApiPropertyOptional() shippedAt?: string;
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
  @ApiProperty({ type: [PickTicketShipmentView], description: 'The shipments packed from this ticket' })
  shipments: PickTicketShipmentView[];
  @ApiPropertyOptional({ description: 'Why the ticket was voided (status VOIDED), e.g. its order was re-opened' })
  voidReason?: string;
}

export class ListPickTicketsRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Uuid()
  orderId?: string;

  @ApiPropertyOptional({ enum: PickTicketStatuses })
  @IsOptional()
  @IsIn(PickTicketStatuses, { message: `status must be one of ${PickTicketStatuses.join(', ')}` })
  status?: PickTicketStatus;
}

export class LineQuantity {
  @ApiProperty()
  @Uuid()
  orderLineId: string;

  @ApiProperty()
  @Quantity({ max: MAX_LINE_UNITS })
  quantity: number;
}

export class ConfirmPicksRequest {
  @ApiProperty()
  @Uuid()
  pickTicketId: string;

  @ApiPropertyOptional({ description: 'Quantities picked; every line in full when absent' })
  @IsOptional()
  @NestedList(() => LineQuantity, { min: 1, max: MAX_TICKET_LINES })
  lines?: LineQuantity[];
}

export class ContainerRequest {
  @ApiPropertyOptional({ example: 'BOX-1' })
  @IsOptional()
  @Text(TextLimits.carrier)
  code?: string;

  @ApiPropertyOptional({ example: 1200, description: 'Gross weight in grams' })
  @IsOptional()
  @IntIn(0, MAX_WEIGHT_GRAMS)
  weightGrams?: number;

  @ApiProperty()
  @NestedList(() => LineQuantity, { min: 1, max: MAX_TICKET_LINES })
  lines: LineQuantity[];
}

export class PackRequest {
  @ApiProperty()
  @Uuid()
  pickTicketId: string;

  @ApiPropertyOptional({ description: 'One container with everything picked when absent' })
  @IsOptional()
  @NestedList(() => ContainerRequest, { min: 1, max: MAX_CONTAINERS })
  containers?: ContainerRequest[];
}

export class ShipRequest {
  @ApiProperty()
  @Uuid()
  shipmentId: string;

  @ApiProperty({ example: 'DHL' })
  @Text(TextLimits.carrier, { min: 1 })
  carrier: string;

  @ApiProperty({ example: '1Z999AA10123456784' })
  @Text(TextLimits.trackingNumber, { min: 1 })
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

/**
 * `events.warehouse.pickticket.voided`: the ticket will never ship (its order was re-opened,
 * or every line on it was cancelled, terminated or held), so orders no longer waits for it.
 */
export interface PickTicketVoidedEvent {
  pickTicketId: string;
  number: string;
  orderId: string;
  orderNumber: string;
  reason: string;
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
