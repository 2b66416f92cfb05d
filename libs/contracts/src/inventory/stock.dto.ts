import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, NotEquals } from 'class-validator';
import { Code, IntIn, MAX_QUANTITY, Quantity, Sku, Text, TextLimits, Uuid } from '../common/bounds.js';
import { PageQuery } from '../common/paging.js';
import { type SourceKind, SourceKinds } from './allocation.dto.js';

/** Every kind of row in the stock ledger. */
export const LedgerKinds = [
  'RECEIPT',
  'ADJUSTMENT',
  'TRANSFER_OUT',
  'TRANSFER_IN',
  'RESERVATION',
  'RELEASE',
  'SHIPMENT',
  'RETURN_RESTOCK',
  'WRITE_OFF',
] as const;
export type LedgerKind = (typeof LedgerKinds)[number];

class StockLine {
  @ApiProperty({ example: 'V123' })
  @Sku()
  sku: string;

  @ApiProperty({ example: 'WH1' })
  @Code('location code')
  locationCode: string;
}

export class ReceiveStockRequest extends StockLine {
  @ApiProperty({ example: 10 })
  @Quantity()
  quantity: number;

  @ApiPropertyOptional({ example: 'PO-1001', description: 'Supplier document reference' })
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;
}

export class AdjustStockRequest extends StockLine {
  @ApiProperty({ example: -2, description: 'Change to on hand: positive adds, negative removes; never 0' })
  @IntIn(-MAX_QUANTITY, MAX_QUANTITY)
  @NotEquals(0, { message: 'quantity must not be 0' })
  quantity: number;

  @ApiProperty({ example: 'Cycle count', description: 'Why the count changed' })
  @Text(TextLimits.note, { min: 1 })
  reason: string;

  @ApiPropertyOptional({ example: 'COUNT-2026-11' })
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;
}

export class WriteOffStockRequest extends StockLine {
  @ApiProperty({ example: 1 })
  @Quantity()
  quantity: number;

  @ApiProperty({ example: 'Damaged in storage' })
  @Text(TextLimits.note, { min: 1 })
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;
}

export class RestockReturnRequest extends StockLine {
  @ApiProperty({ example: 1 })
  @Quantity()
  quantity: number;

  @ApiPropertyOptional({ description: 'The order line the goods were returned from' })
  @IsOptional()
  @Uuid()
  orderLineId?: string;

  @ApiPropertyOptional({ example: 'RMA-17' })
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;

  @ApiPropertyOptional({ example: 'Customer return, resaleable' })
  @IsOptional()
  @Text(TextLimits.note)
  reason?: string;
}

export class TransferStockRequest {
  @ApiProperty({ example: 'V123' })
  @Sku()
  sku: string;

  @ApiProperty({ example: 'WH1' })
  @Code('location code')
  fromLocationCode: string;

  @ApiProperty({ example: 'WH2' })
  @Code('location code')
  toLocationCode: string;

  @ApiProperty({ example: 5 })
  @Quantity()
  quantity: number;

  @ApiPropertyOptional({ example: 'TR-0001' })
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;
}

export class StockLevelView {
  @ApiProperty() sku: string;
  @ApiProperty() locationCode: string;
  @ApiProperty() sourceCode: string;
  @ApiProperty({ enum: SourceKinds }) sourceKind: SourceKind;
  @ApiProperty() onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty({ description: 'On hand minus reserved' }) available: number;
  @ApiProperty({ description: 'Back-ordered demand waiting for this location (lines that must ship from it)' })
  backordered: number;
}

export class StockChangeView extends StockLevelView {
  @ApiProperty({ description: 'Units of waiting back-orders this change released' }) releasedToBackorders: number;
}

export class TransferView {
  @ApiProperty({ type: StockLevelView }) from: StockLevelView;
  @ApiProperty({ type: StockLevelView }) to: StockLevelView;
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'Units of waiting back-orders the arrival released' }) releasedToBackorders: number;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListStockRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Sku()
  sku?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Code('location code')
  locationCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Code('source code')
  sourceCode?: string;

  @ApiPropertyOptional({ description: 'Only rows with something available' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'available must be true or false' })
  available?: boolean;
}

export class ListLedgerRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Sku()
  sku?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Code('location code')
  locationCode?: string;

  @ApiPropertyOptional({ enum: LedgerKinds })
  @IsOptional()
  @IsIn(LedgerKinds, { message: `kind must be one of ${LedgerKinds.join(', ')}` })
  kind?: LedgerKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Uuid()
  orderLineId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(TextLimits.reference)
  reference?: string;
}

export class LedgerEntryView {
  @ApiProperty() id: string;
  @ApiProperty() sku: string;
  @ApiProperty() locationCode: string;
  @ApiProperty({ enum: LedgerKinds }) kind: LedgerKind;
  @ApiProperty({ description: 'Change to on hand (receipts +, shipments -)' }) onHandDelta: number;
  @ApiProperty({ description: 'Change to reserved' }) reservedDelta: number;
  @ApiPropertyOptional({ description: 'Document: purchase order, shipment, transfer, feed' }) reference?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() orderId?: string;
  @ApiPropertyOptional() orderLineId?: string;
  @ApiProperty({ description: 'Who did it' }) actor: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiProperty() createdAt: string;
}

export class AvailabilityRequest {
  @ApiProperty()
  @Sku()
  sku: string;
}

export class LocationAvailability {
  @ApiProperty() locationCode: string;
  @ApiProperty() onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
}

export class SourceAvailability {
  @ApiProperty() sourceCode: string;
  @ApiProperty() sourceName: string;
  @ApiProperty({ enum: SourceKinds }) sourceKind: SourceKind;
  @ApiProperty() priority: number;
  @ApiPropertyOptional({ description: "The source's own SKU for the variant" }) sourceSku?: string;
  @ApiProperty() onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
  @ApiProperty({ type: [LocationAvailability] }) locations: LocationAvailability[];
}

export class AvailabilityView {
  @ApiProperty() sku: string;
  @ApiProperty() inventoried: boolean;
  @ApiProperty() onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
  @ApiProperty({ description: 'All back-ordered demand waiting for the variant' }) backordered: number;
  @ApiProperty({
    type: [SourceAvailability],
    description: 'In sourcing order: our warehouses by priority, then suppliers',
  })
  sources: SourceAvailability[];
}

export class ConsistencyCheckRequest {
  @ApiPropertyOptional({ description: 'Check one item; all items when absent' })
  @IsOptional()
  @Sku()
  sku?: string;
}

export class StockDifference {
  @ApiProperty() sku: string;
  @ApiProperty() locationCode: string;
  @ApiProperty() onHand: number;
  @ApiProperty({ description: 'Sum of on-hand changes in the ledger' }) ledgerOnHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty({ description: 'Sum of live reservations' }) reservations: number;
  @ApiProperty({ description: 'Sum of reserved changes in the ledger' }) ledgerReserved: number;
}

export class LedgerViolation {
  @ApiProperty() id: string;
  @ApiProperty({ enum: LedgerKinds }) kind: LedgerKind;
  @ApiProperty() onHandDelta: number;
  @ApiProperty() reservedDelta: number;
}

export class ConsistencyReport {
  @ApiProperty() checkedAt: string;
  @ApiPropertyOptional() sku?: string;
  @ApiProperty({ description: 'Stock rows (item and location) checked' }) rowsChecked: number;
  @ApiProperty({ description: 'True when there is no difference and no ledger violation' }) consistent: boolean;
  @ApiProperty({ type: [StockDifference] }) differences: StockDifference[];
  @ApiProperty({ type: [LedgerViolation], description: 'Ledger rows whose changes contradict their kind' })
  ledgerViolations: LedgerViolation[];
}
