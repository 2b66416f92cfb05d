import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { BatchCancellationService } from './batch-cancellation.service.js';
import { BatchCreationService } from './batch-creation.service.js';
import { BatchDraftsService } from './batch-drafts.service.js';
import { BatchImportService } from './batch-import.service.js';
import { BatchPostingService } from './batch-posting.service.js';
import { BatchReviewService } from './batch-review.service.js';
import { BatchStore } from './batch-store.js';
import { BatchesHandler } from './batches.handler.js';
import { DraftValidator } from './draft-validator.js';

/** Order batches: drafts entered or imported from a channel's file, reviewed, then posted as orders. */
@Module({
  imports: [OrdersModule],
  controllers: [BatchesHandler],
  providers: [
    BatchStore,
    DraftValidator,
    BatchCreationService,
    BatchReviewService,
    BatchDraftsService,
    BatchImportService,
    BatchPostingService,
    BatchCancellationService,
  ],
})
export class BatchesModule {}
