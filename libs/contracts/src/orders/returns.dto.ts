import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MAX_LINE_UNITS, MinorUnits, Nested, Quantity, Text, TextLimits, Uuid } from '../common/bounds.js';
import type { Currency } from '../common/money.js';

export const ReturnDispositions = ['RESTOCK', 'WRITE_OFF'] as const;
export type ReturnDisposition = (typeof ReturnDispositions)[number];
export const ReturnSettlements = ['CREDIT_MEMO', 'REFUND'] as const;
export type ReturnSettlement = (typeof ReturnSettlements)[number];

export class HandlingChargeInput {
  @ApiPropertyOptional({ example: 'Restocking fee, opened box' })
  @IsOptional()
  @Text(TextLimits.note, { min: 1 })
  description?: string;

  @ApiPropertyOptional({ example: 750, description: 'Minor units; overrides the charge code default' })
  @IsOptional()
  @MinorUnits()
  amountMinor?: number;
}

export class CreateReturnRequest {
  @ApiProperty({ description: 'The original order (Ref Order ID)' })
  @Uuid()
  originalOrderId: string;

  @ApiPropertyOptional({ description: 'Overrides of the return handling charge line' })
  @IsOptional()
  @Nested(() => HandlingChargeInput)
  handlingCharge?: HandlingChargeInput;
}

export class ReturnLineBody {
  @ApiProperty({
    example: 1,
    description: 'Quantity coming back (at most what was shipped and not yet returned)',
  })
  @Quantity({ min: 0, max: MAX_LINE_UNITS })
  quantity: number;

  @ApiPropertyOptional({ example: 1999, description: 'Unit price credited; the original price when absent' })
  @IsOptional()
  @MinorUnits()
  unitPriceMinor?: number;

  @ApiPropertyOptional({ enum: ReturnDispositions, default: 'RESTOCK', description: 'Back into stock, or written off' })
  @IsOptional()
  @IsIn(ReturnDispositions, { message: `disposition must be one of ${ReturnDispositions.join(', ')}` })
  disposition?: ReturnDisposition;
}

export class UpdateReturnLineRequest extends ReturnLineBody {
  @ApiProperty()
  @Uuid()
  returnId: string;

  @ApiProperty()
  @Uuid()
  lineId: string;
}

export class UpdateHandlingChargeRequest extends HandlingChargeInput {
  @ApiProperty()
  @Uuid()
  returnId: string;
}

export class ReceiveReturnBody {
  @ApiPropertyOptional({
    enum: ReturnSettlements,
    default: 'CREDIT_MEMO',
    description: 'How a paid original is settled',
  })
  @IsOptional()
  @IsIn(ReturnSettlements, { message: `settlement must be one of ${ReturnSettlements.join(', ')}` })
  settlement?: ReturnSettlement;
}

export class ReceiveReturnRequest extends ReceiveReturnBody {
  @ApiProperty()
  @Uuid()
  returnId: string;
}

/** `events.orders.return.received`: inventory restocks or writes off; billing credits the customer. */
export interface ReturnReceivedEvent {
  returnId: string;
  returnNumber: string;
  originalOrderId: string;
  originalOrderNumber: string;
  customerId: string;
  currency: Currency;
  settlement: ReturnSettlement;
  handlingCharge: { description: string; amountMinor: number };
  /** Returned goods minus the handling charge (never below zero). */
  creditMinor: number;
  lines: Array<{
    returnLineId: string;
    originalLineId: string;
    sku: string;
    quantity: number;
    unitPriceMinor: number;
    disposition: ReturnDisposition;
    locationCode?: string;
  }>;
}

export class CreateCreditMemoRequest {
  @ApiProperty({ description: 'The order that was overcharged (Ref Order ID)' })
  @Uuid()
  originalOrderId: string;

  @ApiProperty({ example: 500, description: 'Credit in minor units; at most what the original was invoiced' })
  @MinorUnits({ min: 1 })
  amountMinor: number;

  @ApiProperty({ example: 'Charged list price instead of the agreed price' })
  @Text(TextLimits.note, { min: 1 })
  reason: string;

  @ApiPropertyOptional({
    enum: ReturnSettlements,
    default: 'CREDIT_MEMO',
    description: "Keep as the customer's credit, or refund it",
  })
  @IsOptional()
  @IsIn(ReturnSettlements, { message: `settlement must be one of ${ReturnSettlements.join(', ')}` })
  settlement?: ReturnSettlement;
}
