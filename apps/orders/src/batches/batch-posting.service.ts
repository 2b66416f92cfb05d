import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type DraftPostResult,
  type FieldError,
  orderTypeRule,
  PlaceOrderRequest,
  type PostBatchReply,
} from '#contracts';
import { currentContext, rows, runWithContext, toErrorPayload, validationFailed } from '#platform';
import { OrderPlacementService } from '../orders/order-placement.service.js';
import { batchDraftStatus, batchStatus, batchSubject } from './batch.machine.js';
import { assertOpen, BatchStore } from './batch-store.js';
import { alreadyPosted, type BatchRow, type DraftCheck, type DraftRow, placementKey } from './batch-views.js';
import { DraftValidator } from './draft-validator.js';

/**
 * Posts a batch: checks every unposted draft first (nothing is posted while one has a
 * problem), then places them one by one exactly as single orders are placed, reporting per
 * draft what happened. The batch row stays locked while it posts, so a second posting (or a
 * change) gets 409. Each draft is placed with its own idempotency key, so a retry after a
 * crash or timeout skips what is posted and never makes an order twice. A draft that fails
 * (no price, unknown item, ...) is marked FAILED and the batch stays open to fix it; the batch
 * is POSTED once every draft is.
 */
@Injectable()
export class BatchPostingService {
  private readonly logger = new Logger('BatchPosting');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: BatchStore,
    private readonly validator: DraftValidator,
    private readonly placement: OrderPlacementService,
  ) {}

  async post(batchId: string): Promise<PostBatchReply> {
    const results = await this.dataSource.transaction((em) => this.postLocked(em, batchId));
    return {
      batch: await this.store.view(batchId),
      posted: results.filter((r) => r.outcome === 'POSTED').length,
      alreadyPosted: results.filter((r) => r.outcome === 'ALREADY_POSTED').length,
      failed: results.filter((r) => r.outcome === 'FAILED').length,
      results,
    };
  }

  private async postLocked(em: EntityManager, batchId: string): Promise<DraftPostResult[]> {
    const batch = await this.store.lockForChange(em, batchId, currentContext()?.caller, true);
    const drafts = await this.store.drafts(batchId, em);
    const paymentMethod = batch.default_payment_method ?? undefined;
    if (batch.status === 'POSTED') return drafts.map((d) => alreadyPosted(d, paymentMethod));
    assertOpen(batch);
    if (drafts.length === 0)
      throw validationFailed([{ field: 'drafts', problems: ['the batch has no drafts to post'] }]);
    const pending = drafts.filter((d) => d.status !== 'POSTED');
    const checks = await this.validator.check(batch, pending);
    assertAllValid(pending, checks);
    const results: DraftPostResult[] = [];
    for (const draft of drafts) {
      results.push(
        draft.status === 'POSTED'
          ? alreadyPosted(draft, paymentMethod)
          : await this.postDraft(batch, draft, checks.get(draft.id)!.order),
      );
    }
    if (results.every((r) => r.outcome !== 'FAILED')) {
      batchStatus.assertCanMove(batch.status, 'POSTED', batchSubject(batch));
      const posted = await rows(
        em,
        `UPDATE orders.batches SET status = 'POSTED', posted_at = now() WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
        [batchId, batchStatus.into('POSTED')],
      );
      batchStatus.assertMoved('POSTED', posted.length, 1, batchSubject(batch));
    }
    return results;
  }

  /** Places one draft as its own order; its result is recorded at once, outside the batch lock's transaction. */
  private async postDraft(batch: BatchRow, draft: DraftRow, body: Record<string, unknown>): Promise<DraftPostResult> {
    const base = {
      draftId: draft.id,
      rowNo: draft.row_no,
      orderRef: draft.order_ref ?? undefined,
      paymentMethod: batch.default_payment_method ?? undefined,
    };
    const context = currentContext();
    const request = plainToInstance(PlaceOrderRequest, body);
    // A counter sale (billed at entry) is paid at the counter with the batch's payment method.
    if (orderTypeRule(request.type).billedAtEntry && batch.default_payment_method && !request.paymentMethod) {
      request.paymentMethod = batch.default_payment_method as PlaceOrderRequest['paymentMethod'];
    }
    let order: Awaited<ReturnType<OrderPlacementService['place']>>;
    try {
      order = await runWithContext(
        {
          // The caller and the signed context it came with, passed on to inventory and pricing.
          ...context,
          requestId: context?.requestId ?? randomUUID(),
          idempotencyKey: placementKey(draft.id),
        },
        () => this.placement.place(request, batch.id),
      );
    } catch (error) {
      const { code, message } = toErrorPayload(error, this.logger);
      await this.recordFailed(draft, { code, message });
      return { ...base, outcome: 'FAILED', error: { code, message } };
    }
    await this.recordPosted(draft, order.id);
    return {
      ...base,
      outcome: 'POSTED',
      order: {
        id: order.id,
        number: order.number,
        type: order.type,
        status: order.status,
        totalMinor: order.totalMinor,
      },
    };
  }

  /**
   * Records a draft's outcome at once, outside the batch lock's transaction. The batch lock
   * keeps every other change off its drafts meanwhile, so a draft that does not move is reported.
   */
  private async recordPosted(draft: DraftRow, orderId: string): Promise<void> {
    batchDraftStatus.assertCanMove(draft.status, 'POSTED', `Draft ${draft.row_no}`);
    const moved = await rows(
      this.dataSource,
      `UPDATE orders.batch_orders SET status = 'POSTED', order_id = $2, error = NULL, updated_at = now()
        WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
      [draft.id, orderId, batchDraftStatus.into('POSTED')],
    );
    batchDraftStatus.assertMoved('POSTED', moved.length, 1, `Draft ${draft.row_no}`);
  }

  private async recordFailed(draft: DraftRow, error: { code: string; message: string }): Promise<void> {
    batchDraftStatus.assertCanMove(draft.status, 'FAILED', `Draft ${draft.row_no}`);
    const moved = await rows(
      this.dataSource,
      `UPDATE orders.batch_orders SET status = 'FAILED', error = $2, updated_at = now()
        WHERE id = $1 AND status = ANY($3::text[]) RETURNING id`,
      [draft.id, JSON.stringify(error), batchDraftStatus.into('FAILED')],
    );
    batchDraftStatus.assertMoved('FAILED', moved.length, 1, `Draft ${draft.row_no}`);
  }
}

/** Refuses the posting, naming each problem as drafts[rowNo].field, while any unposted draft has one. */
function assertAllValid(pending: DraftRow[], checks: Map<string, DraftCheck>): void {
  const fields: FieldError[] = pending.flatMap((draft) =>
    (checks.get(draft.id)?.problems ?? []).map((p) => ({
      field: `drafts[${draft.row_no}].${p.field}`,
      problems: p.problems,
    })),
  );
  if (fields.length) throw validationFailed(fields);
}
