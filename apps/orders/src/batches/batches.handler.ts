import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddBatchDraftRequest,
  type BatchDetailView,
  BatchDraftRef,
  type BatchDraftView,
  BatchIdRequest,
  type BatchView,
  CreateBatchRequest,
  ImportBatchCsvRequest,
  type ImportBatchReply,
  ListBatchesRequest,
  OrdersSubjects,
  type Page,
  type PostBatchReply,
  ReplaceBatchDraftRequest,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { BatchCancellationService } from './batch-cancellation.service.js';
import { BatchCreationService } from './batch-creation.service.js';
import { BatchDraftsService } from './batch-drafts.service.js';
import { BatchImportService } from './batch-import.service.js';
import { BatchPostingService } from './batch-posting.service.js';
import { BatchReviewService } from './batch-review.service.js';
import { BatchStore } from './batch-store.js';

/** NATS edge of order batches: admin and sales read every batch; only a batch's owner (or an admin) changes it. */
@Controller()
@AllowRoles('admin', 'sales')
export class BatchesHandler {
  constructor(
    private readonly creation: BatchCreationService,
    private readonly store: BatchStore,
    private readonly review: BatchReviewService,
    private readonly drafts: BatchDraftsService,
    private readonly importer: BatchImportService,
    private readonly posting: BatchPostingService,
    private readonly cancellation: BatchCancellationService,
  ) {}

  @Handles(OrdersSubjects.createBatch)
  create(@Payload() request: CreateBatchRequest): Promise<BatchView> {
    return this.creation.create(request);
  }

  @Handles(OrdersSubjects.listBatches)
  list(@Payload() request: ListBatchesRequest): Promise<Page<BatchView>> {
    return this.store.list(request);
  }

  @Handles(OrdersSubjects.getBatch)
  get(@Payload() request: BatchIdRequest): Promise<BatchDetailView> {
    return this.review.review(request.batchId);
  }

  @Handles(OrdersSubjects.addBatchDraft)
  addDraft(@Payload() request: AddBatchDraftRequest): Promise<BatchDraftView> {
    return this.drafts.add(request);
  }

  @Handles(OrdersSubjects.replaceBatchDraft)
  replaceDraft(@Payload() request: ReplaceBatchDraftRequest): Promise<BatchDraftView> {
    return this.drafts.replace(request);
  }

  @Handles(OrdersSubjects.removeBatchDraft)
  removeDraft(@Payload() request: BatchDraftRef): Promise<BatchView> {
    return this.drafts.remove(request);
  }

  @Handles(OrdersSubjects.importBatchCsv)
  importCsv(@Payload() request: ImportBatchCsvRequest): Promise<ImportBatchReply> {
    return this.importer.import(request);
  }

  @Handles(OrdersSubjects.postBatch)
  post(@Payload() request: BatchIdRequest): Promise<PostBatchReply> {
    return this.posting.post(request.batchId);
  }

  @Handles(OrdersSubjects.cancelBatch)
  cancel(@Payload() request: BatchIdRequest): Promise<BatchView> {
    return this.cancellation.cancel(request.batchId);
  }
}
