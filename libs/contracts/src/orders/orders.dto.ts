import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional } from 'class-validator';
import { type PaymentMethod, PaymentMethods } from '../billing/billing.dto.js';
import {
  Code,
  IntIn,
  IsoDate,
  Matching,
  MinorUnits,
  Nested,
  NestedList,
  Quantity,
  Sku,
  Text,
  TextLimits,
  Uuid,
} from '../common/bounds.js';
import { CURRENCY_PATTERN, type Currency } from '../common/money.js';
import { PAYMENT_TERMS_PATTERN } from '../common/payment-terms.js';
import { PageQuery } from '../common/paging.js';
import { Allocation } from '../inventory/inventory.dto.js';
import {
  type AddressKind,
  AddressKinds,
  type FulfillStatus,
  FulfillStatuses,
  type LineKind,
  LineKinds,
  type LineStatus,
  LineStatuses,
  type OrderStatus,
  OrderStatuses,
  type OrderType,
  OrderTypes,
  type RecurrenceUnit,
  RecurrenceUnits,
} from './orders.status.js';
import { type EnterableOrderType, EnterableOrderTypes } from './order-types.js';

/** The most lines one order may have. */
export const MAX_ORDER_LINES = 10_000;
/** The most addresses one customer may have. */
export const MAX_CUSTOMER_ADDRESSES = 50;

export class AddressInput {
  @ApiProperty({ enum: AddressKinds })
  @IsIn(AddressKinds, { message: `kind must be one of ${AddressKinds.join(', ')}` })
  kind: AddressKind;

  @ApiProperty({ example: 'Acme Retail, receiving dock' })
  @Text(TextLimits.name, { min: 1 })
  name: string;

  @ApiProperty({ example: '1 Harbour Road' })
  @Text(TextLimits.addressLine, { min: 1 })
  line1: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(TextLimits.addressLine)
  line2?: string;

  @ApiProperty({ example: 'Rotterdam' })
  @Text(TextLimits.city, { min: 1 })
  city: string;

  @ApiPropertyOptional({ example: 'ZH', description: 'Region or state (tax rates can depend on it)' })
  @IsOptional()
  @Text(TextLimits.region)
  region?: string;

  @ApiProperty({ example: '3011 AA' })
  @Text(TextLimits.postalCode, { min: 1 })
  postalCode: string;

  @ApiProperty({ example: 'NL' })
  @Matching(/^[A-Z]{2}$/, 2, 'country must be an ISO 3166 two-letter code')
  country: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class CreateCustomerRequest {
  @ApiProperty({ example: 'Acme Retail Ltd' })
  @Text(TextLimits.name, { min: 1 })
  name: string;

  @ApiPropertyOptional({ example: 'buyer@acme.example' })
  @IsOptional()
  @Text(TextLimits.email)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR', description: 'Currency the customer is billed in' })
  @IsOptional()
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency?: Currency;

  @ApiPropertyOptional({
    example: 'WHOLESALE',
    default: 'STANDARD',
    description: 'Customer type (price rules can target it)',
  })
  @IsOptional()
  @Matching(/^[A-Z][A-Z0-9_]{0,31}$/, 32, 'type must be 1-32 capital letters, digits or underscores')
  type?: string;

  @ApiPropertyOptional({ example: 'NET30', default: 'NET30' })
  @IsOptional()
  @Matching(PAYMENT_TERMS_PATTERN, 14, 'paymentTerms must be PREPAID, DUE_ON_RECEIPT or NETn (e.g. NET30)')
  paymentTerms?: string;

  @ApiPropertyOptional({ example: 'WH1', description: 'Ship from this location unless an order says otherwise' })
  @IsOptional()
  @Code('location code')
  defaultShipFrom?: string;

  @ApiPropertyOptional({ default: false, description: 'Pays before goods ship (no automatic Backorders)' })
  @IsOptional()
  @IsBoolean()
  prepaid?: boolean;

  @ApiPropertyOptional({ description: 'Bill-to and ship-to addresses' })
  @IsOptional()
  @NestedList(() => AddressInput, { max: MAX_CUSTOMER_ADDRESSES })
  addresses?: AddressInput[];
}

export class AddressView extends AddressInput {
  @ApiProperty() id: string;
}

export class CustomerView {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty() currency: Currency;
  @ApiProperty() type: string;
  @ApiProperty() paymentTerms: string;
  @ApiPropertyOptional() defaultShipFrom?: string;
  @ApiProperty() prepaid: boolean;
  @ApiProperty({ type: [AddressView] }) addresses: AddressView[];
  @ApiProperty() createdAt: string;
}

export class IdRequest {
  @ApiProperty()
  @Uuid()
  id: string;
}

export class ListCustomersRequest extends PageQuery {}

export class RecurrenceInput {
  @ApiProperty({ enum: RecurrenceUnits, example: 'MONTH' })
  @IsIn(RecurrenceUnits, { message: `every must be one of ${RecurrenceUnits.join(', ')}` })
  every: RecurrenceUnit;

  @ApiPropertyOptional({ default: 1, example: 3, description: 'Every N units (3 with MONTH: quarterly)' })
  @IsOptional()
  @IntIn(1, 366)
  interval?: number;

  @ApiProperty({ example: '2026-12-01', description: 'Date of the first order' })
  @IsoDate()
  startOn: string;
}

export class PlaceOrderLine {
  @ApiProperty({ example: 'V123' })
  @Sku()
  sku: string;

  @ApiProperty({ example: 2 })
  @Quantity()
  quantity: number;

  @ApiPropertyOptional({ description: 'Ship this line from this location' })
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string;

  @ApiPropertyOptional({
    example: 'DIST-A',
    description: 'Fill this line from this source (one of our warehouses or a supplier)',
  })
  @IsOptional()
  @Code('source code')
  sourceCode?: string;

  @ApiPropertyOptional({ example: 495, description: 'Shipping fee of this line in minor units (e.g. from a channel)' })
  @IsOptional()
  @MinorUnits()
  shipFeeMinor?: number;
}

export class PlaceOrderRequest {
  @ApiProperty()
  @Uuid()
  customerId: string;

  @ApiPropertyOptional({ description: 'Ship every line from this location unless a line says otherwise' })
  @IsOptional()
  @Code('location code')
  shipFromLocation?: string;

  @ApiPropertyOptional({
    example: 'DIST-A',
    description: 'Fill every line from this source unless a line says otherwise',
  })
  @IsOptional()
  @Code('source code')
  sourceCode?: string;

  @ApiPropertyOptional({ default: true, description: 'May one line be filled from several locations' })
  @IsOptional()
  @IsBoolean()
  allowSplit?: boolean;

  @ApiPropertyOptional({ example: 'PO-7781', description: "The customer's own reference" })
  @IsOptional()
  @Text(TextLimits.reference)
  customerReference?: string;

  @ApiPropertyOptional({
    enum: EnterableOrderTypes,
    default: 'ORDER',
    description: 'Backorders are made only by the system; returns from an original order',
  })
  @IsOptional()
  @IsIn(EnterableOrderTypes, {
    message: `type must be one of ${EnterableOrderTypes.join(', ')} (Backorders are created only by the system)`,
  })
  type?: EnterableOrderType;

  @ApiPropertyOptional({ description: "One of the customer's ship-to addresses; its default when absent" })
  @IsOptional()
  @Uuid()
  shipToAddressId?: string;

  @ApiPropertyOptional({ default: 0, description: 'Higher is served first when back-orders are released' })
  @IsOptional()
  @IntIn(0, 9)
  priority?: number;

  @ApiPropertyOptional({
    enum: PaymentMethods,
    description: 'For a one-step INVOICE order paid at the counter: recorded as paid in full',
  })
  @IsOptional()
  @IsIn(PaymentMethods, { message: `paymentMethod must be one of ${PaymentMethods.join(', ')}` })
  paymentMethod?: PaymentMethod;

  @ApiPropertyOptional({ description: 'Required for type RECURRING' })
  @IsOptional()
  @Nested(() => RecurrenceInput)
  recurrence?: RecurrenceInput;

  @ApiProperty()
  @NestedList(() => PlaceOrderLine, {
    min: 1,
    max: MAX_ORDER_LINES,
    message: 'lines must contain at least one line',
  })
  lines: PlaceOrderLine[];
}

export class OrderRef {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty({ enum: OrderTypes }) type: OrderType;
}

/** A Backorder that still holds part of an order: where the unshipped rest went. */
export class OpenBackorderRef extends OrderRef {
  @ApiProperty({ enum: OrderStatuses }) status: OrderStatus;
}

export class OrderReferences {
  @ApiPropertyOptional({ type: OrderRef, description: 'The order this one refers to (Ref Order ID)' })
  parent?: OrderRef;
  @ApiProperty({ type: [OrderRef], description: 'Orders that refer to this one' }) children: OrderRef[];
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
  @ApiProperty({ enum: LineKinds }) kind: LineKind;
  @ApiPropertyOptional({ description: 'For a kit component: its kit line' }) parentLineId?: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ description: 'Shipping fee of the line, minor units' }) shipFeeMinor: number;
  @ApiProperty({ description: "Tax on lineTotalMinor at the line's rate, rounded half-up" }) taxMinor: number;
  @ApiPropertyOptional({ description: 'The tax rate pricing applied (percent)' }) taxPercent?: number;
  @ApiPropertyOptional({ description: 'Price on the quote this order came from' }) quotedUnitPriceMinor?: number;
  @ApiProperty() returnedQuantity: number;
  @ApiProperty({ description: 'Quantity moved to a Backorder' }) movedQuantity: number;
}

export class OrderChargeView {
  @ApiProperty({ enum: ['FREIGHT', 'MISC'] }) kind: 'FREIGHT' | 'MISC';
  @ApiProperty({ example: 'NL-PARCEL' }) code: string;
  @ApiProperty() description: string;
  @ApiProperty() amountMinor: number;
  @ApiProperty({ description: 'Tax on amountMinor, rounded half-up' }) taxMinor: number;
  @ApiPropertyOptional() taxPercent?: number;
}

export class RecurrenceView extends RecurrenceInput {
  @ApiPropertyOptional({ description: 'Date of the next order the schedule makes' }) nextRunOn?: string;
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
  @ApiProperty({ description: 'Sum of the line totals (merchandise), before charges and tax' }) totalMinor: number;
  @ApiProperty({
    type: [OrderChargeView],
    description: 'Freight and miscellaneous charges, as pricing worked them out',
  })
  charges: OrderChargeView[];
  @ApiProperty({ description: 'Sum of the charges and line shipping fees' }) chargesMinor: number;
  @ApiProperty({ description: 'Tax on the lines and charges, rounded half-up per line and per charge' })
  taxMinor: number;
  @ApiProperty({ description: 'totalMinor + chargesMinor + taxMinor: what the order is billed in full' })
  grandTotalMinor: number;
  @ApiProperty() invoicedMinor: number;
  @ApiProperty() paidMinor: number;
  @ApiProperty() priority: number;
  @ApiPropertyOptional() shipFromLocation?: string;
  @ApiPropertyOptional() shipToAddressId?: string;
  @ApiPropertyOptional() batchId?: string;
  @ApiPropertyOptional({ type: RecurrenceView }) recurrence?: RecurrenceView;
  @ApiProperty({ type: OrderReferences, description: 'The Ref Order ID chain: parent and children' })
  references: OrderReferences;
  @ApiProperty({
    description:
      'Part of this order was never shipped on it: the unshipped rest moved to a Backorder. `status` speaks for what ' +
      'stayed on this order (INVOICED or PAID can then mean "invoiced, rest back-ordered")',
  })
  restBackordered: boolean;
  @ApiPropertyOptional({
    type: OpenBackorderRef,
    description: 'The Backorder that holds the rest while it is not yet invoiced, paid, closed or cancelled',
  })
  openBackorder?: OpenBackorderRef;
  @ApiProperty({ type: [OrderLineView] }) lines: OrderLineView[];
}

export class ListOrdersRequest extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Uuid()
  customerId?: string;

  @ApiPropertyOptional({ enum: OrderTypes })
  @IsOptional()
  @IsIn(OrderTypes, { message: `type must be one of ${OrderTypes.join(', ')}` })
  type?: OrderType;

  @ApiPropertyOptional({ enum: OrderStatuses })
  @IsOptional()
  @IsIn(OrderStatuses, { message: `status must be one of ${OrderStatuses.join(', ')}` })
  status?: OrderStatus;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Orders dated on or after' })
  @IsOptional()
  @IsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Orders dated on or before (whole day)' })
  @IsOptional()
  @IsoDate()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Uuid()
  batchId?: string;
}

export class LineActionRequest {
  @ApiProperty()
  @Uuid()
  orderId: string;

  @ApiProperty()
  @Uuid()
  lineId: string;
}

export class PreShipRequest extends LineActionRequest {
  @ApiPropertyOptional({ default: false, description: "Confirms that pre-shipping removes the line's shipping fee" })
  @IsOptional()
  @IsBoolean()
  confirmRemoveShippingFee?: boolean;
}

export class LineActionReply {
  @ApiProperty({ description: 'False when nothing changed (see warning)' }) changed: boolean;
  @ApiPropertyOptional({ description: 'Why nothing changed, e.g. a shipping fee awaiting confirmation' })
  warning?: string;
  @ApiProperty({ type: () => OrderView }) order: OrderView;
}

export class QuoteComparisonLine {
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() quotedUnitPriceMinor: number;
  @ApiProperty() actualUnitPriceMinor: number;
  @ApiProperty({ description: 'actual - quoted, per unit' }) differenceMinor: number;
}

export class QuoteComparisonView {
  @ApiProperty({ type: OrderRef }) quote: OrderRef;
  @ApiProperty({ type: OrderRef }) order: OrderRef;
  @ApiProperty() quotedTotalMinor: number;
  @ApiProperty() actualTotalMinor: number;
  @ApiProperty({ type: [QuoteComparisonLine] }) lines: QuoteComparisonLine[];
}

/** `events.orders.order.placed`: warehouse makes pick demand from it, billing keeps prices. */
export interface OrderPlacedEvent {
  orderId: string;
  number: string;
  /** A counter sale paid at entry: billing records the payment with the invoice. */
  paymentMethod?: PaymentMethod;
  /** ORDER when absent (events from before order types). */
  type?: OrderType;
  prepaid?: boolean;
  refOrderId?: string;
  customerId: string;
  /** The customer's payment terms when the order was placed (NET30, DUE_ON_RECEIPT, …); absent on a Backorder. */
  paymentTerms?: string;
  currency: Currency;
  orderDate: string;
  lines: Array<{
    lineId: string;
    lineNo: number;
    sku: string;
    quantity: number;
    unitPriceMinor: number;
    allocations: Allocation[];
    /** A PROFORMA line (prepaid, not paid in full yet) is not picked until it turns ACTIVE. */
    lineStatus?: LineStatus;
    /** PRE_SHIPPED: handed over at entry (a counter sale, or an item that is neither inventoried nor linked to a warehouse). */
    fulfillStatus?: FulfillStatus;
    /** KIT lines carry the price; their COMPONENT sub-lines (parentLineId) are picked and shipped. */
    kind?: LineKind;
    parentLineId?: string;
    /** The line's tax rate as pricing applied it (percent, up to 4 decimals); absent when the line is not taxed. */
    taxPercent?: number;
    /** The line's shipping fee, billed with the first invoice that bills the line (0 or absent: none). */
    shipFeeMinor?: number;
  }>;
  /** Freight and miscellaneous charges pricing added to the order, each with its tax (absent: none). */
  charges?: OrderChargeFact[];
}

/** A charge on an order (freight or a miscellaneous charge), as pricing worked it out when the order was placed. */
export interface OrderChargeFact {
  chargeNo: number;
  kind: 'FREIGHT' | 'MISC';
  code: string;
  description: string;
  amountMinor: number;
  /** Tax on amountMinor, rounded half-up (0 when untaxed). */
  taxMinor: number;
  taxPercent?: number;
}

export class ProcessRecurringRequest {
  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'Make every order due on or before this date; today when absent',
  })
  @IsOptional()
  @IsoDate()
  asOf?: string;
}

/** One run makes at most this many orders, so a request's work is bounded; `complete: false` says run again. */
export const MAX_RECURRING_RUN_ORDERS = 50;

export class ProcessRecurringReply {
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [OrderRef], description: 'Orders this run made' }) created: OrderRef[];
  @ApiProperty({ description: 'Due dates another run had already made' }) skipped: number;
  @ApiProperty({
    description: `False when the run stopped after ${MAX_RECURRING_RUN_ORDERS} orders with more still due: run it again`,
  })
  complete: boolean;
}

/** A line a `lines changed` event names: its quantity is what the change concerns (the rest of the line). */
export interface ChangedLine {
  lineId: string;
  sku: string;
  quantity: number;
}

interface LinesChangedBase {
  orderId: string;
  orderNumber: string;
  orderDate?: string;
}

/**
 * Lines that leave the order's open work: cancelled, terminated (a standing order ended) or
 * removed by an edit. Inventory releases what they hold; the warehouse drops their open demand.
 */
export interface LinesReleasedEvent extends LinesChangedBase {
  action: 'CANCELLED' | 'TERMINATED' | 'REMOVED';
  lines: ChangedLine[];
}

/** Lines put on hold or made active again: a held line is not ticketed; it keeps its stock. */
export interface LinesHeldEvent extends LinesChangedBase {
  action: 'HELD' | 'ACTIVATED';
  lines: ChangedLine[];
}

/** Lines the customer took at the counter: their reserved units leave on hand, and they are billable at once. */
export interface LinesPreShippedEvent extends LinesChangedBase {
  action: 'PRE_SHIPPED';
  lines: ChangedLine[];
}

/** A line's quantity or price was edited: it was reserved anew, and carries its new allocations and price. */
export interface LinesEditedEvent extends LinesChangedBase {
  action: 'CHANGED';
  orderDate: string;
  lines: Array<ChangedLine & { unitPriceMinor: number; allocations: Allocation[] }>;
}

/** A line was added to a placed order: reserved, priced and numbered. */
export interface LinesAddedEvent extends LinesChangedBase {
  action: 'ADDED';
  orderDate: string;
  lines: Array<ChangedLine & { lineNo: number; unitPriceMinor: number; allocations: Allocation[] }>;
}

/**
 * `events.orders.lines.changed`: what happened to lines that inventory, warehouse and billing act
 * on. One subject, one union discriminated by `action`: a consumer switches on it and TypeScript
 * narrows the lines to what that action carries (only edits and additions carry price and allocations).
 */
export type LinesChangedEvent =
  LinesReleasedEvent | LinesHeldEvent | LinesPreShippedEvent | LinesEditedEvent | LinesAddedEvent;
export type LineChangeAction = LinesChangedEvent['action'];

export class PreShipBody {
  @ApiPropertyOptional({ default: false, description: "Confirms that pre-shipping removes the line's shipping fee" })
  @IsOptional()
  @IsBoolean()
  confirmRemoveShippingFee?: boolean;
}

/**
 * `events.orders.order.backordered`: the unfilled remainder of an order moved to a new
 * Backorder. Inventory moves the lines' reservations and back-ordered demand, the warehouse
 * their open pick demand, from each `fromLineId` to its `lineId`.
 */
export interface OrderBackorderedEvent {
  originalOrderId: string;
  fromOrderId: string;
  backorderId: string;
  backorderNumber: string;
  lines: Array<{ fromLineId: string; lineId: string; sku: string; quantity: number }>;
}

export class ChangeLineQuantityRequest extends LineActionRequest {
  @ApiProperty({ example: 5 })
  @Quantity()
  quantity: number;
}

export class ChangeLineQuantityBody {
  @ApiProperty({ example: 5 })
  @Quantity()
  quantity: number;
}

export class AddLineRequest extends PlaceOrderLine {
  @ApiProperty()
  @Uuid()
  orderId: string;
}

export class LineEditReply {
  @ApiProperty() orderId: string;
  @ApiProperty() orderNumber: string;
  @ApiProperty({ enum: OrderStatuses }) status: OrderStatus;
  @ApiProperty() totalMinor: number;
  @ApiPropertyOptional({ type: OrderLineView, description: 'The line as it is now (absent when removed)' })
  line?: OrderLineView;
}

/** `events.orders.order.reopened`: the warehouse drops the order's open demand and takes the new allocations. */
export interface OrderReopenedEvent {
  orderId: string;
  orderNumber: string;
  orderDate: string;
  lines: Array<{ lineId: string; sku: string; quantity: number; allocations: Allocation[] }>;
}

export class ReopenOrderBody {
  @ApiPropertyOptional({
    example: 'Customer changed the delivery address',
    description: 'Why; kept with the reversal record',
  })
  @IsOptional()
  @Text(TextLimits.note)
  reason?: string;
}

export class ReopenOrderRequest extends ReopenOrderBody {
  @ApiProperty()
  @Uuid()
  id: string;
}
