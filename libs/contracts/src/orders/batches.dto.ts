import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Text, TextLimits, Uuid } from '../common/bounds.js';
import { type PaymentMethod, PaymentMethods } from '../billing/billing.dto.js';
import { PageQuery } from '../common/paging.js';
import { OrderTypes, type OrderType, OrderStatuses, type OrderStatus } from './orders.status.js';

/** STANDARD: orders entered or imported, reviewed, then posted. COUNTER: point of sale, every order a one-step INVOICE. */
export const BatchKinds = ['STANDARD', 'COUNTER'] as const;
export type BatchKind = (typeof BatchKinds)[number];

/** OPEN until every draft is posted (POSTED) or the operator gives up on it (CANCELLED). */
export const BatchStatuses = ['OPEN', 'POSTED', 'CANCELLED'] as const;
export type BatchStatus = (typeof BatchStatuses)[number];

/** A draft is DRAFT until posting makes its order (POSTED) or placing it fails (FAILED; it can be fixed and posted again). */
export const BatchDraftStatuses = ['DRAFT', 'POSTED', 'FAILED'] as const;
export type BatchDraftStatus = (typeof BatchDraftStatuses)[number];

/** What posting did with one draft. */
export const DraftOutcomes = ['POSTED', 'ALREADY_POSTED', 'FAILED'] as const;
export type DraftOutcome = (typeof DraftOutcomes)[number];

/** Number of a batch: BT-000001. */
export const BATCH_NUMBER_PREFIX = 'BT';

export class CreateBatchRequest {
  @ApiProperty({ example: 'Webshop export 2026-11-02' })
  @Text(TextLimits.name, { min: 1 })
  name: string;

  @ApiPropertyOptional({
    enum: BatchKinds,
    default: 'STANDARD',
    description: 'COUNTER: point of sale, each order posted as a one-step INVOICE order',
  })
  @IsOptional()
  @IsIn(BatchKinds, { message: `kind must be one of ${BatchKinds.join(', ')}` })
  kind?: BatchKind;

  @ApiPropertyOptional({ description: 'Customer of every draft that names none (required for COUNTER)' })
  @IsOptional()
  @Uuid()
  defaultCustomerId?: string;

  @ApiPropertyOptional({
    enum: PaymentMethods,
    description: 'How counter sales are paid (required for COUNTER, not allowed otherwise)',
  })
  @IsOptional()
  @IsIn(PaymentMethods, { message: `defaultPaymentMethod must be one of ${PaymentMethods.join(', ')}` })
  defaultPaymentMethod?: PaymentMethod;
}

export class ListBatchesRequest extends PageQuery {
  @ApiPropertyOptional({ enum: BatchStatuses })
  @IsOptional()
  @IsIn(BatchStatuses, { message: `status must be one of ${BatchStatuses.join(', ')}` })
  status?: BatchStatus;

  @ApiPropertyOptional({
    example: 'key:sales-desk-1',
    description: 'Owner (the actor id of the API key that created the batch)',
  })
  @IsOptional()
  @Text(TextLimits.name)
  owner?: string;

  @ApiPropertyOptional({ enum: BatchKinds })
  @IsOptional()
  @IsIn(BatchKinds, { message: `kind must be one of ${BatchKinds.join(', ')}` })
  kind?: BatchKind;
}

export class BatchIdRequest {
  @ApiProperty()
  @Uuid()
  batchId: string;
}

export class BatchDraftRef extends BatchIdRequest {
  @ApiProperty()
  @Uuid()
  draftId: string;
}

/** Adds a draft: `order` is a PlaceOrderRequest, kept as entered even while incomplete (its problems show in the review). */
export class AddBatchDraftRequest extends BatchIdRequest {
  @ApiProperty({ description: 'A PlaceOrderRequest; customerId may be left out in a batch with a default customer' })
  @IsObject({ message: 'order must be a JSON object (a PlaceOrderRequest)' })
  order: Record<string, unknown>;
}

export class ReplaceBatchDraftRequest extends BatchDraftRef {
  @ApiProperty({ description: 'The new PlaceOrderRequest of the draft' })
  @IsObject({ message: 'order must be a JSON object (a PlaceOrderRequest)' })
  order: Record<string, unknown>;
}

/** Sent over NATS by the gateway; the CSV is the raw text of the uploaded file. */
export class ImportBatchCsvRequest extends BatchIdRequest {
  @ApiProperty({ description: 'The CSV file as text' })
  @IsString({ message: 'csv must be the text of a CSV file' })
  @MaxLength(6_000_000, { message: 'csv must be at most 6,000,000 characters' })
  csv: string;
}

/** A problem with one field of a draft, as in VALIDATION_FAILED errors. */
export class DraftProblem {
  @ApiProperty({ example: 'lines[0].quantity' }) field: string;
  @ApiProperty({ type: [String], example: ['quantity must not be less than 1'] }) problems: string[];
}

export class DraftError {
  @ApiProperty({ example: 'PRICE_NOT_FOUND' }) code: string;
  @ApiProperty() message: string;
}

export class BatchView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'BT-000001' }) number: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: BatchKinds }) kind: BatchKind;
  @ApiProperty({ enum: BatchStatuses }) status: BatchStatus;
  @ApiProperty({
    example: 'key:sales-desk-1',
    description: 'The operator who owns the batch: only they (or an admin) may change it',
  })
  owner: string;
  @ApiPropertyOptional() defaultCustomerId?: string;
  @ApiPropertyOptional({ enum: PaymentMethods }) defaultPaymentMethod?: PaymentMethod;
  @ApiProperty() draftCount: number;
  @ApiProperty({ description: 'Drafts whose order was made' }) postedCount: number;
  @ApiProperty({ description: 'Drafts whose last posting failed' }) failedCount: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() postedAt?: string;
  @ApiPropertyOptional() cancelledAt?: string;
}

export class BatchDraftView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Number of the draft in its batch (never reused)' }) rowNo: number;
  @ApiPropertyOptional({ description: 'Order reference from an imported file (one draft per reference and batch)' })
  orderRef?: string;
  @ApiPropertyOptional({
    type: [Number],
    description: 'Rows of the imported file this draft came from (header = row 1)',
  })
  sourceRows?: number[];
  @ApiProperty({ enum: BatchDraftStatuses }) status: BatchDraftStatus;
  @ApiProperty({ description: 'The order as entered (a PlaceOrderRequest)' }) order: Record<string, unknown>;
  @ApiPropertyOptional({ description: "The customer the order is for (the batch's default when the draft names none)" })
  customerId?: string;
  @ApiProperty({ enum: OrderTypes, description: 'Type of order posting makes' }) orderType: OrderType;
  @ApiProperty({ description: 'True when the draft can be posted as it is' }) valid: boolean;
  @ApiProperty({ type: [DraftProblem], description: 'Why the draft cannot be posted yet (empty when valid)' })
  problems: DraftProblem[];
  @ApiPropertyOptional({ description: 'The order posting made' }) orderId?: string;
  @ApiPropertyOptional() orderNumber?: string;
  @ApiPropertyOptional({ type: DraftError, description: 'Why the last posting of this draft failed' })
  error?: DraftError;
}

export class BatchDetailView extends BatchView {
  @ApiProperty({ description: 'True when the batch is open and every unposted draft is valid' }) readyToPost: boolean;
  @ApiProperty({ type: [BatchDraftView] }) drafts: BatchDraftView[];
}

export class ImportedOrder {
  @ApiProperty() orderRef: string;
  @ApiProperty() draftId: string;
  @ApiProperty() rowNo: number;
  @ApiProperty({ type: [Number] }) rows: number[];
}

export class RejectedRow {
  @ApiProperty({ description: 'Row in the file; the header is row 1, so the first order line is row 2' }) row: number;
  @ApiPropertyOptional() orderRef?: string;
  @ApiProperty({ type: [String], example: ['quantity must be a whole number of at least 1 (got "0")'] })
  reasons: string[];
}

export class SkippedOrder {
  @ApiProperty() orderRef: string;
  @ApiProperty({ type: [Number] }) rows: number[];
  @ApiProperty({ example: 'row 4 of this order is bad' }) reason: string;
}

/** Each list of an import reply names at most this many entries (its count says how many there were), to keep the reply small. */
export const IMPORT_REPLY_LIST_LIMIT = 5000;

export class ImportBatchReply {
  @ApiProperty({ type: BatchView }) batch: BatchView;
  @ApiProperty({ description: 'Order lines read (rows after the header)' }) rowsRead: number;
  @ApiProperty({ description: 'Orders added to the batch as drafts' }) importedCount: number;
  @ApiProperty({ description: 'Bad rows' }) rejectedRowCount: number;
  @ApiProperty({ description: 'Orders left out whole because one of their rows is bad' }) rejectedOrderCount: number;
  @ApiProperty({ description: 'Orders already in the batch' }) duplicateCount: number;
  @ApiProperty({
    type: [ImportedOrder],
    description: `Orders added to the batch as drafts (the first ${IMPORT_REPLY_LIST_LIMIT})`,
  })
  imported: ImportedOrder[];
  @ApiProperty({ type: [RejectedRow], description: `Every bad row and why (the first ${IMPORT_REPLY_LIST_LIMIT})` })
  rejectedRows: RejectedRow[];
  @ApiProperty({ type: [SkippedOrder], description: 'Orders left out whole because one of their rows is bad' })
  rejectedOrders: SkippedOrder[];
  @ApiProperty({
    type: [SkippedOrder],
    description: 'Orders whose reference is already in the batch (not added again)',
  })
  duplicates: SkippedOrder[];
}

export class PostedOrderRef {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty({ enum: OrderTypes }) type: OrderType;
  @ApiProperty({ enum: OrderStatuses }) status: OrderStatus;
  @ApiProperty() totalMinor: number;
}

export class DraftPostResult {
  @ApiProperty() draftId: string;
  @ApiProperty() rowNo: number;
  @ApiPropertyOptional() orderRef?: string;
  @ApiProperty({ enum: DraftOutcomes }) outcome: DraftOutcome;
  @ApiPropertyOptional({ type: PostedOrderRef }) order?: PostedOrderRef;
  @ApiPropertyOptional({ type: DraftError }) error?: DraftError;
  @ApiPropertyOptional({ enum: PaymentMethods, description: 'Counter batches: how the sale is paid' })
  paymentMethod?: PaymentMethod;
}

export class PostBatchReply {
  @ApiProperty({ type: BatchView }) batch: BatchView;
  @ApiProperty({ description: 'Orders this request made' }) posted: number;
  @ApiProperty({ description: 'Drafts an earlier posting had already made' }) alreadyPosted: number;
  @ApiProperty({ description: 'Drafts that failed now (they stay in the open batch, to fix and post again)' })
  failed: number;
  @ApiProperty({ type: [DraftPostResult] }) results: DraftPostResult[];
}
