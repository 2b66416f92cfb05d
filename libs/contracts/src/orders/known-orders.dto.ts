import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { Uuid } from '../common/bounds.js';
import type { OrderType } from './orders.status.js';

/** The most order ids one "which of these orders exist" question may name. */
export const MAX_KNOWN_ORDERS = 1000;

/**
 * Which of these orders exist? Inventory asks it about reservations whose order never
 * confirmed itself (no `order placed` arrived), to tell a late event from an order that was
 * never committed.
 */
export class KnownOrdersRequest {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_KNOWN_ORDERS)
  @Uuid({ each: true })
  orderIds: string[];
}

export interface KnownOrder {
  orderId: string;
  number: string;
  orderDate: string;
  type: OrderType;
}

export interface KnownOrdersReply {
  /** The orders that exist; an id not listed names no committed order. */
  known: KnownOrder[];
}
