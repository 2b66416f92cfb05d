import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { BatchView, Caller, ListBatchesRequest, Page } from '#contracts';
import { DomainError, rows, type Queryable } from '#platform';
import { summaryJoin } from '../orders/derived-status/order-status.js';
import { batchStatus } from './batch.machine.js';
import { type BatchRow, type DraftRow, toBatchView } from './batch-views.js';

const BATCH_COLUMNS = `b.*,
  (SELECT count(*)::int FROM orders.batch_orders d WHERE d.batch_id = b.id) AS draft_count,
  (SELECT count(*)::int FROM orders.batch_orders d WHERE d.batch_id = b.id AND d.status = 'POSTED') AS posted_count,
  (SELECT count(*)::int FROM orders.batch_orders d WHERE d.batch_id = b.id AND d.status = 'FAILED') AS failed_count`;

/** How long a change waits for a batch another request holds; a posting holds it until it is done. */
const LOCK_WAIT = '2s';

/** Reads batches and their drafts, and locks a batch for a change by its owner. */
@Injectable()
export class BatchStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(batchId: string, db: Queryable = this.dataSource): Promise<BatchRow> {
    const [batch] = await rows<BatchRow>(db, `SELECT ${BATCH_COLUMNS} FROM orders.batches b WHERE b.id = $1`, [
      batchId,
    ]);
    if (!batch) throw new DomainError('NOT_FOUND', `No order batch with id ${batchId}`, { id: batchId });
    return batch;
  }

  async view(batchId: string, db: Queryable = this.dataSource): Promise<BatchView> {
    return toBatchView(await this.find(batchId, db));
  }

  /**
   * Locks the batch row for a change in `em`'s transaction and checks that the caller may
   * change it. `FOR NO KEY UPDATE` leaves foreign-key checks of other transactions alone, so
   * a posting that holds the lock can still write its drafts' results. With `noWait` (posting)
   * a batch another request holds is refused at once instead of after a short wait.
   */
  async lockForChange(
    em: EntityManager,
    batchId: string,
    caller: Caller | undefined,
    noWait = false,
  ): Promise<BatchRow> {
    await em.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
    let locked: BatchRow[];
    try {
      locked = await rows<BatchRow>(
        em,
        `SELECT id FROM orders.batches WHERE id = $1 FOR NO KEY UPDATE${noWait ? ' NOWAIT' : ''}`,
        [batchId],
      );
    } catch (error) {
      if (!isLockNotAvailable(error)) throw error;
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Order batch ${batchId} is being posted or changed by another request; try again when it is done`,
        {
          id: batchId,
        },
      );
    }
    if (locked.length === 0) throw new DomainError('NOT_FOUND', `No order batch with id ${batchId}`, { id: batchId });
    const batch = await this.find(batchId, em);
    assertMayChange(batch, caller);
    return batch;
  }

  async drafts(batchId: string, db: Queryable = this.dataSource): Promise<DraftRow[]> {
    return rows<DraftRow>(
      db,
      `SELECT d.*, o.number AS order_number, o.type AS order_type, s.status AS order_status, s.total_minor
         FROM orders.batch_orders d
         LEFT JOIN orders.orders o ON o.id = d.order_id
         ${summaryJoin('d.order_id', 'LEFT JOIN')}
        WHERE d.batch_id = $1 ORDER BY d.row_no`,
      [batchId],
    );
  }

  async draft(batchId: string, draftId: string, db: Queryable = this.dataSource): Promise<DraftRow> {
    const [draft] = await rows<DraftRow>(db, `SELECT * FROM orders.batch_orders WHERE id = $1 AND batch_id = $2`, [
      draftId,
      batchId,
    ]);
    if (!draft)
      throw new DomainError('NOT_FOUND', `Order batch ${batchId} has no draft ${draftId}`, { batchId, draftId });
    return draft;
  }

  async list(filter: ListBatchesRequest): Promise<Page<BatchView>> {
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR b.status = $1) AND ($2::text IS NULL OR b.owner = $2) AND ($3::text IS NULL OR b.kind = $3)`;
    const params = [filter.status ?? null, filter.owner ?? null, filter.kind ?? null];
    const found = await rows<BatchRow>(
      this.dataSource,
      `SELECT ${BATCH_COLUMNS} FROM orders.batches b ${where} ORDER BY b.created_at DESC, b.number DESC LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    const [{ count }] = await rows<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM orders.batches b ${where}`,
      params,
    );
    return { items: found.map(toBatchView), total: count, limit, offset };
  }

  /** Takes the next draft number of a locked batch; numbers are never reused, even after a draft is removed. */
  async nextRowNumbers(em: EntityManager, batchId: string, count: number): Promise<number> {
    const [{ last_row_no: last }] = await rows<{ last_row_no: number }>(
      em,
      `UPDATE orders.batches SET last_row_no = last_row_no + $2 WHERE id = $1 RETURNING last_row_no`,
      [batchId, count],
    );
    return last - count + 1;
  }
}

/** Only the batch's owner (or an admin, or the system) may change it. */
export function assertMayChange(batch: BatchRow, caller: Caller | undefined): void {
  if (!caller || caller.role === 'admin' || caller.role === 'service' || caller.actorId === batch.owner) return;
  throw new DomainError(
    'FORBIDDEN',
    `Order batch ${batch.number} belongs to ${batch.owner}; only its owner or an admin may change it`,
    {
      owner: batch.owner,
    },
  );
}

/** Drafts are added, changed, imported and posted only while the batch is open (its table lets only OPEN stay OPEN). */
export function assertOpen(batch: BatchRow): void {
  if (batchStatus.canMove(batch.status, 'OPEN')) return;
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    `Order batch ${batch.number} is ${batch.status}; only an OPEN batch can be changed or posted`,
    {
      status: batch.status,
    },
  );
}

function isLockNotAvailable(error: unknown): boolean {
  return (
    (error as { driverError?: { code?: string } }).driverError?.code === '55P03' ||
    (error as { code?: string }).code === '55P03'
  );
}
