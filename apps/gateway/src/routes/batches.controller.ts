import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  PayloadTooLargeException,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { text } from 'express';
import {
  BatchDetailView,
  BatchDraftView,
  BatchView,
  CreateBatchRequest,
  ImportBatchReply,
  ListBatchesRequest,
  OrdersSubjects,
  PlaceOrderRequest,
  PostBatchReply,
} from '#contracts';
import { ServiceClient, validationFailed } from '#platform';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors } from '../openapi/api-docs.js';
import { uuid } from './params.js';

/** Largest order file accepted; with JSON escaping it stays under NATS's 8 MB message limit. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** Posting places every order of the batch in turn; it goes on (and a retry is safe) if the gateway stops waiting. */
const POST_TIMEOUT_MS = 300_000;
const IMPORT_TIMEOUT_MS = 60_000;
const MAX_MESSAGE_CHARS = 7_500_000;
const CSV_TYPES = ['text/csv', 'application/csv'];
const CSV_ERROR = Symbol('csvBodyError');

const parseCsv = text({ type: CSV_TYPES, limit: MAX_CSV_BYTES });

/** Route middleware of `POST /batches/:id/import`: reads a text/csv body; a problem is answered by the route as problem+json. */
export function csvBodyParser(req: Request, res: Response, next: NextFunction): void {
  parseCsv(req, res, (error?: unknown) => {
    if (error) (req as Request & { [CSV_ERROR]?: unknown })[CSV_ERROR] = error;
    next();
  });
}

const EXAMPLE_CSV =
  'order_ref,customer_id,sku,quantity,ship_from,priority\nWEB-1001,C-000001,V123,2,WH1,5\nWEB-1001,C-000001,V456,1,,\n';

/** Order batches: several open at once, each owned by an operator; drafts entered or imported, reviewed, then posted. */
@ApiTags('Order batches')
@ApiStandardErrors()
@Controller('batches')
export class BatchesController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe key: the same key and body open one batch',
  })
  @ApiOperation({
    summary: 'Open a batch owned by the caller (COUNTER: point of sale with a default customer and payment method)',
  })
  @ApiCreatedResponse({ type: BatchView })
  @ApiNotFound('The default customer')
  create(@Body() body: CreateBatchRequest) {
    return this.services.request(OrdersSubjects.createBatch, body);
  }

  @Get()
  @ApiOperation({ summary: 'List batches, newest first, by status, owner and kind' })
  @ApiPage(BatchView)
  list(@Query() query: ListBatchesRequest) {
    return this.services.request(OrdersSubjects.listBatches, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Review a batch: every draft with its validation state, and whether it is ready to post' })
  @ApiOkResponse({ type: BatchDetailView })
  @ApiNotFound('The batch')
  get(@Param('id', uuid('id')) batchId: string) {
    return this.services.request(OrdersSubjects.getBatch, { batchId });
  }

  @Post(':id/drafts')
  @ApiOperation({
    summary: 'Add a draft order (kept as entered; its problems show in the answer and the review)',
    description: 'The body is a PlaceOrderRequest; `customerId` may be left out when the batch has a default customer.',
  })
  @ApiBody({ type: PlaceOrderRequest })
  @ApiCreatedResponse({ type: BatchDraftView })
  @ApiNotFound('The batch')
  @ApiConflict('The batch is not open, or is being posted (ILLEGAL_TRANSITION)')
  addDraft(@Param('id', uuid('id')) batchId: string, @Body() order: Record<string, unknown>) {
    return this.services.request(OrdersSubjects.addBatchDraft, { batchId, order });
  }

  @Put(':id/drafts/:draftId')
  @ApiOperation({ summary: 'Replace the order of a draft that is not posted yet' })
  @ApiBody({ type: PlaceOrderRequest })
  @ApiOkResponse({ type: BatchDraftView })
  @ApiNotFound('The batch or the draft')
  @ApiConflict('The batch is not open, or the draft is already posted (ILLEGAL_TRANSITION)')
  replaceDraft(
    @Param('id', uuid('id')) batchId: string,
    @Param('draftId', uuid('draftId')) draftId: string,
    @Body() order: Record<string, unknown>,
  ) {
    return this.services.request(OrdersSubjects.replaceBatchDraft, { batchId, draftId, order });
  }

  @Delete(':id/drafts/:draftId')
  @ApiOperation({ summary: 'Remove a draft that is not posted yet' })
  @ApiOkResponse({ type: BatchView })
  @ApiNotFound('The batch or the draft')
  @ApiConflict('The batch is not open, or the draft is already posted (ILLEGAL_TRANSITION)')
  removeDraft(@Param('id', uuid('id')) batchId: string, @Param('draftId', uuid('draftId')) draftId: string) {
    return this.services.request(OrdersSubjects.removeBatchDraft, { batchId, draftId });
  }

  @Post(':id/import')
  @HttpCode(200)
  @ApiOperation({
    summary: "Import a channel's order file (CSV, one row per order line) into the batch",
    description:
      'Send the file as the raw body with `Content-Type: text/csv` (up to 5 MB). Columns: order_ref, customer_id (id or number; optional with a default customer), sku, quantity, ship_from, priority (unit_price_override is refused). Every bad row is reported with its row number (the header is row 1); an order with a bad row is left out whole; references already in the batch are not added again.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: EXAMPLE_CSV } })
  @ApiOkResponse({ type: ImportBatchReply })
  @ApiNotFound('The batch')
  @ApiConflict('The batch is not open, or is being posted (ILLEGAL_TRANSITION)')
  importCsv(@Param('id', uuid('id')) batchId: string, @Req() request: Request) {
    return this.services.request(
      OrdersSubjects.importBatchCsv,
      { batchId, csv: csvOf(request) },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
  }

  @Post(':id/post')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Post the batch: check every draft, then place each as an order and report per draft what happened',
    description:
      'Nothing is posted while a draft has a problem (400 naming drafts[rowNo].field). Safe to retry: posted drafts are skipped, and a posted batch answers its report again (ALREADY_POSTED).',
  })
  @ApiOkResponse({ type: PostBatchReply })
  @ApiNotFound('The batch')
  @ApiConflict('The batch is cancelled, or another request is posting or changing it (ILLEGAL_TRANSITION)')
  post(@Param('id', uuid('id')) batchId: string) {
    return this.services.request(OrdersSubjects.postBatch, { batchId }, { timeoutMs: POST_TIMEOUT_MS });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an open batch (orders it already posted stay)' })
  @ApiOkResponse({ type: BatchView })
  @ApiNotFound('The batch')
  @ApiConflict('The batch is not open, or is being posted (ILLEGAL_TRANSITION)')
  cancel(@Param('id', uuid('id')) batchId: string) {
    return this.services.request(OrdersSubjects.cancelBatch, { batchId });
  }
}

/** The uploaded file as text, or a 4xx naming what is wrong with the upload. */
function csvOf(request: Request): string {
  const error = (request as Request & { [CSV_ERROR]?: { type?: string; message?: string } })[CSV_ERROR];
  if (error?.type === 'entity.too.large')
    throw new PayloadTooLargeException(`The file is larger than ${MAX_CSV_BYTES} bytes`);
  if (error)
    throw validationFailed([
      { field: 'body', problems: [`the file could not be read: ${error.message ?? 'unknown error'}`] },
    ]);
  if (typeof request.body !== 'string') {
    throw validationFailed([
      { field: 'Content-Type', problems: ['send the file as the raw request body with Content-Type: text/csv'] },
    ]);
  }
  if (request.body.trim() === '') throw validationFailed([{ field: 'body', problems: ['the file is empty'] }]);
  // Quotes and backslashes double when the file travels as JSON; NATS refuses messages over 8 MB.
  if (JSON.stringify(request.body).length > MAX_MESSAGE_CHARS)
    throw new PayloadTooLargeException('The file is too large to import in one request; split it');
  return request.body;
}
