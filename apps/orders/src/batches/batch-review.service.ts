import { Injectable } from '@nestjs/common';
import type { BatchDetailView } from '#contracts';
import { BatchStore } from './batch-store.js';
import { toBatchView, toDraftView } from './batch-views.js';
import { DraftValidator } from './draft-validator.js';

/** The review of a batch: every draft with its validation state, and whether the batch can be posted as it is. */
@Injectable()
export class BatchReviewService {
  constructor(
    private readonly store: BatchStore,
    private readonly validator: DraftValidator,
  ) {}

  async review(batchId: string): Promise<BatchDetailView> {
    const batch = await this.store.find(batchId);
    const drafts = await this.store.drafts(batchId);
    const checks = await this.validator.check(
      batch,
      drafts.filter((d) => d.status !== 'POSTED'),
      { catalog: true },
    );
    const views = drafts.map((d) => toDraftView(d, checks.get(d.id)));
    const pending = views.filter((d) => d.status !== 'POSTED');
    return {
      ...toBatchView(batch),
      readyToPost: batch.status === 'OPEN' && pending.length > 0 && pending.every((d) => d.valid),
      drafts: views,
    };
  }
}
