import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AddBatchDraftRequest,
  BatchDraftRef,
  BatchDraftView,
  BatchView,
  ReplaceBatchDraftRequest,
} from '#contracts';
import { currentContext, DomainError, rows } from '#platform';
import { batchDraftStatus } from './batch.machine.js';
import { assertOpen, BatchStore } from './batch-store.js';
import { type BatchRow, type DraftRow, placementKey, toDraftView } from './batch-views.js';
import { DraftValidator } from './draft-validator.js';

/**
 * Adds, replaces and removes the draft orders of an open batch. A draft is kept as entered,
 * even while incomplete: the answer (and the batch review) lists its problems, and posting
 * refuses while any draft has one. A posted draft is an order now and cannot change.
 */
@Injectable()
export class BatchDraftsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: BatchStore,
    private readonly validator: DraftValidator,
  ) {}

  async add(request: AddBatchDraftRequest): Promise<BatchDraftView> {
    const id = randomUUID();
    const batch = await this.dataSource.transaction(async (em) => {
      const locked = await this.lockOpen(em, request.batchId);
      const rowNo = await this.store.nextRowNumbers(em, request.batchId, 1);
      await em.query(`INSERT INTO orders.batch_orders (id, batch_id, row_no, body) VALUES ($1, $2, $3, $4)`, [
        id,
        request.batchId,
        rowNo,
        JSON.stringify(request.order),
      ]);
      return locked;
    });
    return this.viewOf(batch, await this.store.draft(request.batchId, id));
  }

  async replace(request: ReplaceBatchDraftRequest): Promise<BatchDraftView> {
    const batch = await this.dataSource.transaction(async (em) => {
      const locked = await this.lockOpen(em, request.batchId);
      const draft = await this.unposted(em, request);
      batchDraftStatus.assertCanMove(draft.status, 'DRAFT', `Draft ${draft.row_no}`);
      const replaced = await rows(
        em,
        `UPDATE orders.batch_orders SET body = $2, status = 'DRAFT', error = NULL, updated_at = now()
          WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
        [request.draftId, JSON.stringify(request.order), batchDraftStatus.into('DRAFT')],
      );
      batchDraftStatus.assertMoved('DRAFT', replaced.length, 1, `Draft ${draft.row_no}`);
      return locked;
    });
    return this.viewOf(batch, await this.store.draft(request.batchId, request.draftId));
  }

  async remove(request: BatchDraftRef): Promise<BatchView> {
    await this.dataSource.transaction(async (em) => {
      await this.lockOpen(em, request.batchId);
      await this.unposted(em, request);
      await em.query(`DELETE FROM orders.batch_orders WHERE id = $1`, [request.draftId]);
    });
    return this.store.view(request.batchId);
  }

  private async lockOpen(em: EntityManager, batchId: string): Promise<BatchRow> {
    const batch = await this.store.lockForChange(em, batchId, currentContext()?.caller);
    assertOpen(batch);
    return batch;
  }

  private async unposted(em: EntityManager, ref: BatchDraftRef): Promise<DraftRow> {
    const [draft] = await rows<DraftRow>(
      em,
      `SELECT * FROM orders.batch_orders WHERE id = $1 AND batch_id = $2 FOR UPDATE`,
      [ref.draftId, ref.batchId],
    );
    if (!draft)
      throw new DomainError('NOT_FOUND', `Order batch ${ref.batchId} has no draft ${ref.draftId}`, {
        batchId: ref.batchId,
        draftId: ref.draftId,
      });
    // A posting that stopped between placing the order and recording it left the draft unmarked; the order is still its own.
    const [made] = await rows<{ id: string }>(em, `SELECT id FROM orders.orders WHERE idempotency_key = $1`, [
      placementKey(draft.id),
    ]);
    if (draft.status === 'POSTED' || made) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Draft ${draft.row_no} was already posted as an order; change the order instead`,
        {
          status: 'POSTED',
          orderId: draft.order_id ?? made?.id,
        },
      );
    }
    return draft;
  }

  private async viewOf(batch: BatchRow, draft: DraftRow): Promise<BatchDraftView> {
    const checks = await this.validator.check(batch, [draft], { catalog: true });
    return toDraftView(draft, checks.get(draft.id));
  }
}
