import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { BackorderReleaseReport, EligibleForReleaseRequest, ReleasedLineView } from '#contracts';
import { OutboxService, rows, SERVICE_CONFIG } from '#platform';
import { AllocationViews } from '../common/allocation-views.service.js';
import { type LineToServe, type ServedUnits, serveLines } from '../common/serve-lines.query.js';
import { type HeldStock, lockItems } from '../common/stock-locks.js';
import type { InventoryConfig } from '../config.js';
import { announceReleases, describeReleases } from './backorder-release.events.js';

interface WaitingRow {
  order_line_id: string;
  order_id: string;
  item_id: string;
  backordered: number;
  location_id: string | null;
  source_id: string | null;
  allow_split: boolean;
  priority: number;
  order_date: Date;
}

/** Thrown to roll back a dry run (the eligible-for-release report) after it computed its answer. */
class DryRun extends Error {
  constructor(readonly report: BackorderReleaseReport) {
    super('dry run');
  }
}

/**
 * Serves waiting back-ordered lines from stock that became available: higher priority
 * orders first, then the oldest order first, partially where only part is there (unless
 * the line may not split). Every release is a `backorder released` event per order, in the
 * same transaction, so orders turns the lines active and the warehouse picks them.
 */
@Injectable()
export class BackorderReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly views: AllocationViews,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  /** Called by every move that raised availability at rows the caller holds locked; returns the units released. */
  async afterStockArrived(em: EntityManager, held: HeldStock[]): Promise<number> {
    if (this.config.BACKORDER_RELEASE !== 'auto') return 0;
    const served = await this.serve(em, held, null);
    await announceReleases(em, this.outbox, this.views, served);
    return served.reduce((sum, s) => sum + s.quantity, 0);
  }

  /**
   * A release run over every item with waiting, confirmed lines of orders dated up to
   * `asOf`. With `apply` false it is the eligible-for-release report: the very same run,
   * rolled back, so the report shows exactly what a run would do.
   */
  async run(request: EligibleForReleaseRequest, apply: boolean): Promise<BackorderReleaseReport> {
    const asOf = request.asOf ? new Date(request.asOf) : new Date();
    try {
      return await this.dataSource.transaction(async (em) => {
        const items = await rows<{ item_id: string }>(
          em,
          `SELECT DISTINCT b.item_id FROM inventory.reserve_lines b JOIN inventory.items i ON i.id = b.item_id
            WHERE b.backordered > 0 AND b.order_number IS NOT NULL AND COALESCE(b.order_date, b.created_at) <= $1
              AND ($2::text IS NULL OR i.sku = $2)
              AND EXISTS (SELECT 1 FROM inventory.stock s WHERE s.item_id = b.item_id AND s.on_hand > s.reserved)`,
          [asOf, request.sku ?? null],
        );
        const held = await lockItems(
          em,
          items.map((i) => i.item_id),
        );
        const served = await this.serve(em, held, asOf);
        const lines = await describeReleases(em, this.views, served);
        const report = { asOf: asOf.toISOString(), applied: apply, units: total(lines), lines };
        if (!apply) throw new DryRun(report);
        await announceReleases(em, this.outbox, this.views, served);
        return report;
      });
    } catch (error) {
      if (error instanceof DryRun) return error.report;
      throw error;
    }
  }

  /** Serves waiting lines of the held rows' items from those rows, in release order; returns what each line got. */
  private async serve(em: EntityManager, held: HeldStock[], asOf: Date | null): Promise<ServedUnits[]> {
    const open = held.filter((h) => h.available > 0);
    if (open.length === 0) return [];
    const queues = await this.waitingLines(em, [...new Set(open.map((h) => h.itemId))], asOf);
    const available = new Map(open.map((h) => [key(h.itemId, h.locationId), h.available]));
    const sourceOf = new Map<string, string>();
    for (const h of open) sourceOf.set(h.locationId, (await this.views.location(h.locationId, em)).sourceId);
    const served: ServedUnits[] = [];
    for (;;) {
      const batch = nextBatch(queues, open, available, sourceOf);
      if (batch.length === 0) return served;
      const got = await serveLines(em, batch, open, { kind: 'waiting', reason: 'back-order release' });
      for (const s of got)
        available.set(key(s.itemId, s.locationId), (available.get(key(s.itemId, s.locationId)) ?? 0) - s.quantity);
      served.push(...got);
    }
  }

  /** Waiting confirmed lines per item in release order, locked (in line id order, which never changes). */
  private async waitingLines(
    em: EntityManager,
    itemIds: string[],
    asOf: Date | null,
  ): Promise<Map<string, LineToServe[]>> {
    const found = await rows<WaitingRow>(
      em,
      `SELECT order_line_id, order_id, item_id, backordered, location_id, source_id, allow_split, priority,
              COALESCE(order_date, created_at) AS order_date
         FROM inventory.reserve_lines
        WHERE item_id = ANY($1::uuid[]) AND backordered > 0 AND order_number IS NOT NULL
          AND ($2::timestamptz IS NULL OR COALESCE(order_date, created_at) <= $2)
        ORDER BY order_line_id FOR UPDATE`,
      [itemIds, asOf],
    );
    found.sort(
      (a, b) =>
        b.priority - a.priority ||
        new Date(a.order_date).getTime() - new Date(b.order_date).getTime() ||
        (a.order_line_id < b.order_line_id ? -1 : 1),
    );
    const queues = new Map<string, LineToServe[]>();
    for (const row of found) {
      const queue = queues.get(row.item_id) ?? [];
      queue.push({
        lineId: row.order_line_id,
        orderId: row.order_id,
        itemId: row.item_id,
        need: row.backordered,
        locationId: row.location_id,
        sourceId: row.source_id,
        split: row.allow_split,
      });
      queues.set(row.item_id, queue);
    }
    return queues;
  }
}

/**
 * The next line of each item that the known availability can serve at least in part
 * (lines that cannot be served now are dropped from their queue; they keep waiting).
 */
function nextBatch(
  queues: Map<string, LineToServe[]>,
  held: HeldStock[],
  available: Map<string, number>,
  sourceOf: Map<string, string>,
): LineToServe[] {
  const batch: LineToServe[] = [];
  const rowsOf = new Map<string, HeldStock[]>();
  for (const h of held) rowsOf.set(h.itemId, [...(rowsOf.get(h.itemId) ?? []), h]);
  for (const [itemId, queue] of queues) {
    const rows = rowsOf.get(itemId) ?? [];
    while (queue.length > 0) {
      const line = queue.shift()!;
      const fits = rows
        .filter(
          (h) =>
            (!line.locationId || h.locationId === line.locationId) &&
            (!line.sourceId || sourceOf.get(h.locationId) === line.sourceId),
        )
        .map((h) => available.get(key(h.itemId, h.locationId)) ?? 0);
      const servable = line.split ? fits.some((a) => a > 0) : fits.some((a) => a >= line.need);
      if (servable) {
        batch.push(line);
        break;
      }
    }
  }
  return batch;
}

function key(itemId: string, locationId: string): string {
  return `${itemId}|${locationId}`;
}

function total(lines: ReleasedLineView[]): number {
  return lines.reduce((sum, l) => sum + l.released, 0);
}
