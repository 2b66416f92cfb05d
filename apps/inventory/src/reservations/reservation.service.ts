import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReserveLine, ReserveStockReply, ReserveStockRequest } from '#contracts';
import { DomainError, rows } from '#platform';
import { AllocationViews } from '../common/allocation-views.service.js';
import {
  type ItemRef,
  itemsBySku,
  type LocationRef,
  locationsByCode,
  type SourceRef,
  sourcesByCode,
} from '../common/lookups.js';
import { type LineToServe, roundsByItem, serveLines } from '../common/serve-lines.query.js';
import { lockItems } from '../common/stock-locks.js';
import { lockOrder } from './order-lock.js';
import { ReservationReleaseService } from './reservation-release.service.js';
import { reservationState } from './reservation-state.query.js';
import { lineSourcing } from './sourcing-rules.js';

/**
 * Reserves all lines of an order in one transaction. Reservations are keyed by order line:
 * lines inventory already knows keep what they have (a repeated request changes nothing);
 * new lines are recorded with what they ask for, the stock rows of all their items are
 * locked in one statement in the global order, and then every line is served by one
 * set-based statement per "round" (a round holds at most one line per item, so an order
 * with one line per item needs one statement whatever its size).
 */
@Injectable()
export class ReservationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: AllocationViews,
    private readonly releases: ReservationReleaseService,
  ) {}

  /**
   * Gives lines a new quantity (an order edited before picking): their reservations are
   * released and made again in one transaction, so the stock they held cannot go to anyone
   * else in between. What the smaller quantity no longer holds waits for the next release
   * run or receipt to serve back-orders.
   */
  async resize(request: ReserveStockRequest): Promise<ReserveStockReply> {
    await this.dataSource.transaction(async (em) => {
      await this.releases.releaseIn(
        em,
        { orderId: request.orderId, lineIds: request.lines.map((l) => l.lineId) },
        'RELEASED',
        false,
      );
      await this.reserveNewLines(em, request);
    });
    const state = await reservationState(
      this.dataSource,
      this.views,
      request.lines.map((l) => l.lineId),
    );
    return { orderId: request.orderId, lines: request.lines.map((l) => ({ ...state.get(l.lineId)!, sku: l.sku })) };
  }

  async reserve(request: ReserveStockRequest): Promise<ReserveStockReply> {
    const ids = request.lines.map((l) => l.lineId);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) {
      throw new DomainError('VALIDATION_FAILED', `Line ${twice} appears twice in the request`, {
        fields: [{ field: 'lines', problems: [`${twice} is listed twice`] }],
      });
    }
    await this.dataSource.transaction((em) => this.reserveNewLines(em, request));
    const state = await reservationState(
      this.dataSource,
      this.views,
      request.lines.map((l) => l.lineId),
    );
    return {
      orderId: request.orderId,
      lines: request.lines.map((l) => ({ ...state.get(l.lineId)!, sku: l.sku })),
    };
  }

  /** Records and serves the lines inventory does not know yet (all in the caller's transaction). */
  private async reserveNewLines(em: EntityManager, request: ReserveStockRequest): Promise<void> {
    await lockOrder(em, request.orderId);
    const known = await this.knownLines(
      em,
      request.lines.map((l) => l.lineId),
    );
    const fresh = request.lines.filter((l) => !known.has(l.lineId));
    if (fresh.length === 0) return;
    const items = await itemsBySku(
      em,
      fresh.map((l) => l.sku),
    );
    const planned = await this.plan(em, request, fresh, items);
    await this.recordUncounted(
      em,
      request,
      planned.filter((p) => !p.inventoried).map((p) => p.line),
    );
    const rounds = roundsByItem(planned.filter((p) => p.inventoried).map((p) => p.line));
    // One round locks its rows itself; more rounds lock every row first, all in one statement.
    const held =
      rounds.length > 1
        ? await lockItems(
            em,
            rounds[0].map((l) => l.itemId),
          )
        : null;
    for (const round of rounds) await serveLines(em, round, held, { kind: 'new', priority: request.priority ?? 0 });
  }

  private async knownLines(em: EntityManager, lineIds: string[]): Promise<Set<string>> {
    const found = await rows<{ order_line_id: string }>(
      em,
      `SELECT order_line_id FROM inventory.reserve_lines WHERE order_line_id = ANY($1::uuid[])`,
      [lineIds],
    );
    return new Set(found.map((f) => f.order_line_id));
  }

  /** Each line with its item and the location or source it must come from (codes checked here, before anything changes). */
  private async plan(
    em: EntityManager,
    request: ReserveStockRequest,
    lines: ReserveLine[],
    items: Map<string, ItemRef>,
  ): Promise<Array<{ line: LineToServe; inventoried: boolean }>> {
    const sourcing = lines.map((line) => lineSourcing(request, line));
    const locations = await locationsByCode(
      em,
      sourcing.flatMap((s) => (s.locationCode ? [s.locationCode] : [])),
    );
    const sources = await sourcesByCode(
      em,
      sourcing.flatMap((s) => (s.sourceCode ? [s.sourceCode] : [])),
    );
    return lines.map((line, i) => {
      const rules = sourcing[i];
      const location = rules.locationCode ? locations.get(rules.locationCode)! : undefined;
      const source = rules.sourceCode ? sources.get(rules.sourceCode)! : undefined;
      if (location && source && location.sourceId !== source.id)
        throw notOfSource(request.lines.indexOf(line), location, source);
      const item = items.get(line.sku)!;
      const planned: LineToServe = {
        lineId: line.lineId,
        orderId: request.orderId,
        itemId: item.id,
        need: line.quantity,
        locationId: location?.id ?? null,
        sourceId: source?.id ?? null,
        split: rules.split,
      };
      return { inventoried: item.inventoried, line: planned };
    });
  }

  /** Items whose stock is not counted reserve nothing and never wait; their lines are recorded all the same (for repeats and release). */
  private async recordUncounted(em: EntityManager, request: ReserveStockRequest, lines: LineToServe[]): Promise<void> {
    if (lines.length === 0) return;
    await em.query(
      `INSERT INTO inventory.reserve_lines (order_line_id, order_id, item_id, requested, backordered, location_id, source_id, allow_split, priority)
       SELECT l.line_id, $1::uuid, l.item_id, l.requested, 0, l.location_id, l.source_id, l.split, $2::int
         FROM unnest($3::uuid[], $4::uuid[], $5::int[], $6::uuid[], $7::uuid[], $8::boolean[]) AS l(line_id, item_id, requested, location_id, source_id, split)`,
      [
        request.orderId,
        request.priority ?? 0,
        lines.map((l) => l.lineId),
        lines.map((l) => l.itemId),
        lines.map((l) => l.need),
        lines.map((l) => l.locationId),
        lines.map((l) => l.sourceId),
        lines.map((l) => l.split),
      ],
    );
  }
}

function notOfSource(index: number, location: LocationRef, source: SourceRef): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    `Line ${index + 1}: location ${location.code} does not belong to source ${source.code}`,
    {
      fields: [
        { field: `lines[${index}].locationCode`, problems: [`${location.code} is not a location of ${source.code}`] },
      ],
    },
  );
}
