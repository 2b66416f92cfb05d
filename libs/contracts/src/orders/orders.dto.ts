import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
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
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PageQuery } from '../common/paging.js';
import { Allocation, CODE_PATTERN, SKU_PATTERN } from '../inventory/inventory.dto.js';
import {
  type FulfillStatus,
  FulfillStatuses,
  type LineStatus,
  LineStatuses,
  type OrderStatus,
  OrderStatuses,
  type OrderType,
  OrderTypes,
} from './orders.status.js';

export class CreateCustomerRequest {
  @ApiProperty({ example: 'Acme Retail Ltd' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'buyer@acme.example' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR', description: 'Currency the customer is billed in' })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be a supported ISO 4217 code' })
  currency?: Currency;
}

export class CustomerView {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty() currency: Currency;
  @ApiProperty() createdAt: string;
}

export class IdRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class ListCustomersRequest extends PageQuery {}

export class PlaceOrderLine {
  @ApiProperty({ example: 'V123' })
  @Matches(SKU_PATTERN, { message: 'sku must be a valid SKU' })
  sku: string;

  @ApiProperty({ example: 2, minimum: 1 })
  @IsInt()
  @Min(1)
  quantity: number;

  @ApiPropertyOptional({ description: 'Ship this line from this location' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'shipFromLocation must be a valid location code' })
  shipFromLocation?: string;
}

export class PlaceOrderRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId: string;

  @ApiPropertyOptional({ description: 'Ship every line from this location unless a line says otherwise' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'shipFromLocation must be a valid location code' })
  shipFromLocation?: string;

  @ApiPropertyOptional({ example: 'PO-7781', description: "The customer's own reference" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  customerReference?: string;

  @ApiProperty({ type: [PlaceOrderLine] })
  @ArrayMinSize(1, { message: 'lines must contain at least one line' })
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => PlaceOrderLine)
  lines: PlaceOrderLine[];
}

export class OrderLineView {
  @ApiProperty() id: string;
  @ApiProperty() lineNo: number;
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPriceMinor: number;
  @ApiProperty() lineTotalMinor: number;
  @ApiProperty({ description: 'Price record that priced this line' }) priceId: string;
  @ApiProperty({ enum: LineStatuses }) lineStatus: LineStatus;
  @ApiProperty({ enum: FulfillStatuses }) fulfillStatus: FulfillStatus;
  @ApiProperty() reservedQuantity: number;
  @ApiProperty() backorderedQuantity: number;
  @ApiProperty() shippedQuantity: number;
  @ApiProperty() invoicedQuantity: number;
  @ApiProperty({ type: [Allocation] }) allocations: Allocation[];
}

export class OrderView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'SO-000001' }) number: string;
  @ApiProperty({ enum: OrderTypes }) type: OrderType;
  @ApiProperty() customerId: string;
  @ApiPropertyOptional() customerReference?: string;
  @ApiProperty() currency: Currency;
  @ApiProperty({ enum: OrderStatuses, description: 'Derived from the lines, never stored' }) status: OrderStatus;
  @ApiProperty() orderDate: string;
  @ApiProperty() totalMinor: number;
  @ApiProperty() invoicedMinor: number;
  @ApiProperty() paidMinor: number;
  @ApiProperty({ type: [OrderLineView] }) lines: OrderLineView[];
}

export class ListOrdersRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId?: string;
}

/** `events.orders.order.placed`: warehouse makes pick demand from it, billing keeps prices. */
export interface OrderPlacedEvent {
  orderId: string;
  number: string;
  customerId: string;
  currency: Currency;
  orderDate: string;
  lines: Array<{
    lineId: string;
    lineNo: number;
    sku: string;
    quantity: number;
    unitPriceMinor: number;
    allocations: Allocation[];
  }>;
}
