import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BatchView } from '#contracts';
import { currentContext, rows } from '#platform';
import { batchStatus, batchSubject } from './batch.machine.js';
import { assertOpen, BatchStore } from './batch-store.js';

/**
 * Cancels an open batch: its unposted drafts are dropped from work (kept for the record).
 * Orders an earlier posting already made stay; they are real orders, cancelled one by one.
 */
@Injectable()
export class BatchCancellationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: BatchStore,
  ) {}

  async cancel(batchId: string): Promise<BatchView> {
    await this.dataSource.transaction(async (em) => {
      const batch = await this.store.lockForChange(em, batchId, currentContext()?.caller);
      assertOpen(batch);
      batchStatus.assertCanMove(batch.status, 'CANCELLED', batchSubject(batch));
      const moved = await rows(
        em,
        `UPDATE orders.batches SET status = 'CANCELLED', cancelled_at = now() WHERE id = $1 AND status = ANY($2::text[])
         RETURNING id`,
        [batchId, batchStatus.into('CANCELLED')],
      );
      batchStatus.assertMoved('CANCELLED', moved.length, 1, batchSubject(batch));
    });
    return this.store.view(batchId);
  }
}
