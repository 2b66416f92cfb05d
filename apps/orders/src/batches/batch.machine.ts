import type { BatchDraftStatus, BatchStatus } from '#contracts';
import { defineStateMachine } from '#platform';

/**
 * An order batch: "they end up in an Order Batch, that can be reviewed and edited prior to
 * actually being posted as active orders." An OPEN batch takes changes (OPEN -> OPEN: drafts
 * added, replaced, removed, imported) and is posted once every draft is an order, or
 * cancelled. A posted or cancelled batch is closed for good.
 */
export const batchStatus = defineStateMachine('batch status', {
  OPEN: ['OPEN', 'POSTED', 'CANCELLED'],
  POSTED: [],
  CANCELLED: [],
} as const satisfies Record<BatchStatus, readonly BatchStatus[]>);

/**
 * A draft of a batch: kept as entered until it is posted as an order. A draft that failed to
 * post stays in the batch to be fixed (replaced: DRAFT again) or posted again (it may fail
 * again). A posted draft is an order now and never changes.
 */
export const batchDraftStatus = defineStateMachine('batch draft status', {
  DRAFT: ['DRAFT', 'POSTED', 'FAILED'],
  FAILED: ['DRAFT', 'POSTED', 'FAILED'],
  POSTED: [],
} as const satisfies Record<BatchDraftStatus, readonly BatchDraftStatus[]>);

/** How a batch is named in an ILLEGAL_TRANSITION. */
export const batchSubject = (batch: { number: string }): string => `Order batch ${batch.number}`;
