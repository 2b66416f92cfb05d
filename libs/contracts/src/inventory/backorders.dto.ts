import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsoDateTime, Sku, Uuid } from '../common/bounds.js';
import { PageQuery } from '../common/paging.js';
import type { OrderType } from '../orders/orders.status.js';
import { Allocation } from './allocation.dto.js';

export class ListBackordersRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Sku()
  sku?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Uuid()
  orderId?: string;
}

export class BackorderView {
  @ApiProperty() orderId: string;
  @ApiPropertyOptional({ description: 'Known once orders has confirmed the order as placed' }) orderNumber?: string;
  @ApiProperty() orderDate: string;
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty() requested: number;
  @ApiProperty({ description: 'Still waiting for stock' }) backordered: number;
  @ApiProperty() priority: number;
  @ApiPropertyOptional({ description: 'The line must ship from this location' }) locationCode?: string;
  @ApiPropertyOptional({ description: 'The line must come from this source' }) sourceCode?: string;
  @ApiProperty() allowSplit: boolean;
  @ApiProperty({
    description: 'Placed orders only are released; a line is confirmed once orders reports the order placed',
  })
  confirmed: boolean;
}

export class EligibleForReleaseRequest {
  @ApiPropertyOptional({ example: '2026-11-20T00:00:00Z', description: 'Only orders dated up to then (default: now)' })
  @IsOptional()
  @IsoDateTime('asOf must be an ISO 8601 date or date-time')
  asOf?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Sku()
  sku?: string;
}

export class ReleaseBackordersRequest extends EligibleForReleaseRequest {}

export class ReleasedLineView {
  @ApiProperty() orderId: string;
  @ApiPropertyOptional() orderNumber?: string;
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiProperty({ description: 'Units released (reserved) now' }) released: number;
  @ApiProperty({ description: 'Still back-ordered after the release' }) backordered: number;
  @ApiProperty({ type: [Allocation] }) allocations: Allocation[];
}

export class BackorderReleaseReport {
  @ApiProperty() asOf: string;
  @ApiProperty({ description: 'False for the eligible-for-release report: nothing was changed' }) applied: boolean;
  @ApiProperty() units: number;
  @ApiProperty({
    type: [ReleasedLineView],
    description: 'In release order: higher priority first, then oldest order first',
  })
  lines: ReleasedLineView[];
}

/** `events.inventory.backorder.released`: orders turns the lines active, the warehouse picks them. */
export interface BackorderReleasedEvent {
  orderId: string;
  orderNumber: string;
  /** The order's type as orders reported it when the order was placed (ORDER when unknown). */
  orderType: OrderType;
  orderDate: string;
  lines: Array<{
    lineId: string;
    sku: string;
    /** Units reserved by this release. */
    released: number;
    /** Still back-ordered after it. */
    backordered: number;
    /** Where the released units are reserved (only this release's). */
    allocations: Allocation[];
  }>;
}

/** `events.inventory.reservation.moved`: a line's reservation now sits at another location. */
export interface ReservationMovedEvent {
  orderId: string;
  orderLineId: string;
  sku: string;
  fromLocationCode: string;
  toLocationCode: string;
  quantity: number;
  /** Where the line is reserved after the move. */
  allocations: Allocation[];
}
