import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  IMPORT_REPLY_LIST_LIMIT,
  type ImportBatchCsvRequest,
  type ImportBatchReply,
  type ImportedOrder,
  type RejectedRow,
  type SkippedOrder,
} from '#contracts';
import { currentContext, rows, validationFailed } from '#platform';
import { assertMayChange, assertOpen, BatchStore } from './batch-store.js';
import type { BatchRow } from './batch-views.js';
import { DraftValidator } from './draft-validator.js';
import { checkOrderRules, groupByOrder, type ImportedOrderRows, isGood, toOrderBody } from './imported-orders.js';
import { type OrderCsvRow, readOrdersCsv } from './orders-csv.reader.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUSTOMER_NUMBER = /^C-\d{1,12}$/;

interface NewDraft {
  id: string;
  order: ImportedOrderRows;
  body: Record<string, unknown>;
}

/**
 * Fills a batch from a channel's order file. Every bad row is reported with its row number
 * and reasons; an order with any bad row is left out whole, never half an order. An order
 * whose reference is already in the batch is not added again, so importing the same file
 * twice adds nothing the second time.
 */
@Injectable()
export class BatchImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: BatchStore,
    private readonly validator: DraftValidator,
  ) {}

  async import(request: ImportBatchCsvRequest): Promise<ImportBatchReply> {
    const caller = currentContext()?.caller;
    const batch = await this.store.find(request.batchId);
    assertMayChange(batch, caller);
    assertOpen(batch);
    const file = readOrdersCsv(request.csv);
    if (!file.columns.includes('customer_id') && !batch.default_customer_id) {
      throw validationFailed([
        { field: 'csv row 1', problems: ['missing column customer_id (the batch has no default customer)'] },
      ]);
    }
    await this.resolveCustomers(file.rows, batch);
    const orders = groupByOrder(file.rows);
    for (const order of orders) checkOrderRules(order);
    const candidates = await this.buildDrafts(orders.filter(isGood), batch);
    const { imported, duplicates } = await this.dataSource.transaction((em) =>
      this.addDrafts(em, batch.id, candidates),
    );
    const rejectedRows = file.rows.filter((r) => r.reasons.length > 0);
    const rejectedOrders = orders.filter((o) => !isGood(o));
    return {
      batch: await this.store.view(batch.id),
      rowsRead: file.rows.length,
      importedCount: imported.length,
      rejectedRowCount: rejectedRows.length,
      rejectedOrderCount: rejectedOrders.length,
      duplicateCount: duplicates.length,
      imported: imported.slice(0, IMPORT_REPLY_LIST_LIMIT),
      rejectedRows: rejectedRows.slice(0, IMPORT_REPLY_LIST_LIMIT).map(toRejectedRow),
      rejectedOrders: rejectedOrders.slice(0, IMPORT_REPLY_LIST_LIMIT).map(toRejectedOrder),
      duplicates: duplicates.slice(0, IMPORT_REPLY_LIST_LIMIT),
    };
  }

  /** Turns each row's customer (id, number or blank for the batch default) into a customer id, or a reason. */
  private async resolveCustomers(fileRows: OrderCsvRow[], batch: BatchRow): Promise<void> {
    const tokens = [...new Set(fileRows.map((r) => r.customer).filter(Boolean))];
    const found = await rows<{ id: string; number: string }>(
      this.dataSource,
      `SELECT id, number FROM orders.customers WHERE id = ANY($1::uuid[]) OR number = ANY($2::text[])`,
      [tokens.filter((t) => UUID.test(t)), tokens.filter((t) => CUSTOMER_NUMBER.test(t))],
    );
    const ids = new Map<string, string>();
    for (const customer of found) ids.set(customer.id, customer.id).set(customer.number, customer.id);
    for (const row of fileRows) {
      if (!row.customer) {
        if (batch.default_customer_id) row.customerId = batch.default_customer_id;
        else row.reasons.push('customer_id is empty and the batch has no default customer');
      } else if (!UUID.test(row.customer) && !CUSTOMER_NUMBER.test(row.customer)) {
        row.reasons.push(
          `customer_id "${row.customer}" is neither a customer id (UUID) nor a customer number (C-000001)`,
        );
      } else if (ids.has(row.customer.toLowerCase()) || ids.has(row.customer)) {
        row.customerId = ids.get(row.customer.toLowerCase()) ?? ids.get(row.customer);
      } else {
        row.reasons.push(`unknown customer ${row.customer}`);
      }
    }
  }

  /** Builds each good order's PlaceOrderRequest and checks it as posting will; an order that fails that is left out too. */
  private async buildDrafts(orders: ImportedOrderRows[], batch: BatchRow): Promise<NewDraft[]> {
    const drafts = orders.map((order) => ({
      id: randomUUID(),
      order,
      body: toOrderBody(order, batch.kind === 'COUNTER'),
    }));
    const checks = await this.validator.check(batch, drafts, { catalog: true });
    return drafts.filter((draft) => {
      const problems = checks.get(draft.id)?.problems ?? [];
      if (problems.length === 0) return true;
      // A line's problem goes on that line's row; the order's own on its first row.
      for (const problem of problems) {
        const line = /^lines\[(\d+)\]/.exec(problem.field);
        const row = (line && draft.order.rows[Number(line[1])]) || draft.order.rows[0];
        row.reasons.push(`the order is not valid: ${problem.field}: ${problem.problems.join(', ')}`);
      }
      return false;
    });
  }

  /** Adds the drafts whose reference the batch does not have yet, under the batch lock (so two imports cannot both add one). */
  private async addDrafts(
    em: EntityManager,
    batchId: string,
    drafts: NewDraft[],
  ): Promise<{ imported: ImportedOrder[]; duplicates: SkippedOrder[] }> {
    const batch = await this.store.lockForChange(em, batchId, currentContext()?.caller);
    assertOpen(batch);
    const refs = drafts.map((d) => d.order.orderRef);
    const existing = await rows<{ order_ref: string; row_no: number }>(
      em,
      `SELECT order_ref, row_no FROM orders.batch_orders WHERE batch_id = $1 AND order_ref = ANY($2::text[])`,
      [batchId, refs],
    );
    const known = new Map(existing.map((e) => [e.order_ref, e.row_no]));
    const fresh = drafts.filter((d) => !known.has(d.order.orderRef));
    const duplicates = drafts
      .filter((d) => known.has(d.order.orderRef))
      .map((d) => ({
        orderRef: d.order.orderRef,
        rows: d.order.rows.map((r) => r.row),
        reason: `already in the batch as draft ${known.get(d.order.orderRef)}`,
      }));
    if (fresh.length === 0) return { imported: [], duplicates };
    const first = await this.store.nextRowNumbers(em, batchId, fresh.length);
    await em.query(
      `INSERT INTO orders.batch_orders (id, batch_id, row_no, order_ref, source_rows, body)
       SELECT t.id, $1, t.row_no, t.order_ref, t.source_rows::int[], t.body
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::jsonb[]) AS t(id, row_no, order_ref, source_rows, body)`,
      [
        batchId,
        fresh.map((d) => d.id),
        fresh.map((_, i) => first + i),
        fresh.map((d) => d.order.orderRef),
        fresh.map((d) => `{${d.order.rows.map((r) => r.row).join(',')}}`),
        fresh.map((d) => JSON.stringify(d.body)),
      ],
    );
    const imported = fresh.map((d, i) => ({
      orderRef: d.order.orderRef,
      draftId: d.id,
      rowNo: first + i,
      rows: d.order.rows.map((r) => r.row),
    }));
    return { imported, duplicates };
  }
}

function toRejectedRow(row: OrderCsvRow): RejectedRow {
  return { row: row.row, orderRef: row.orderRef || undefined, reasons: row.reasons };
}

function toRejectedOrder(order: ImportedOrderRows): SkippedOrder {
  const bad = order.rows.filter((r) => r.reasons.length > 0).map((r) => r.row);
  const which = bad.length === 1 ? `row ${bad[0]} is bad` : `rows ${bad.join(', ')} are bad`;
  return { orderRef: order.orderRef, rows: order.rows.map((r) => r.row), reason: `left out whole: ${which}` };
}
