import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { FeedChange, FeedRejection, SupplierFeedReply, SupplierFeedRequest } from '#contracts';
import { DomainError, oneRow, rows, SERVICE_CONFIG } from '#platform';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { sourceByCode, type SourceRef } from '../common/lookups.js';
import { recordMovements } from '../common/stock-ledger.js';
import { type HeldStock, lockRows } from '../common/stock-locks.js';
import type { InventoryConfig } from '../config.js';
import { type AcceptedRow, type MappedSku, sortFeedRows } from './feed-rows.js';

interface Outcome {
  item_id: string;
  previous: number;
  reserved: number;
  applied: boolean;
  available: number | null;
}

/**
 * Applies a supplier's quantities in bulk: each row sets what the supplier holds of one of
 * its SKUs. Rows that are unknown, negative, stale, duplicated or would drop below what we
 * already reserved there are rejected with a reason and change nothing; the rest are
 * applied in one conditional statement. More at the supplier serves waiting back-orders.
 */
@Injectable()
export class SupplierFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backorders: BackorderReleaseService,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  async apply(request: SupplierFeedRequest): Promise<SupplierFeedReply> {
    return this.dataSource.transaction(async (em) => {
      const source = await supplier(em, request.sourceCode);
      const { id: locationId } = await oneRow<{ id: string }>(
        em,
        `SELECT id FROM inventory.locations WHERE source_id = $1`,
        [source.id],
      );
      const mapped = await mappedSkus(
        em,
        source.id,
        request.rows.map((r) => r.supplierSku),
      );
      const { accepted, rejected } = sortFeedRows(
        request.rows,
        mapped,
        new Date(),
        this.config.SUPPLIER_FEED_MAX_AGE_HOURS,
      );
      const held = await lockSupplierRows(em, locationId, accepted);
      const outcomes = await setQuantities(em, locationId, accepted);
      const { applied, raised } = sortOutcomes(accepted, outcomes, held, rejected);
      await this.record(
        em,
        source,
        locationId,
        accepted.filter((a) => outcomes.get(a.itemId)!.applied),
        outcomes,
      );
      await this.backorders.afterStockArrived(em, raised);
      return { sourceCode: source.code, applied, rejected: rejected.sort((a, b) => a.row - b.row) };
    });
  }

  private async record(
    em: EntityManager,
    source: SourceRef,
    locationId: string,
    rows: AcceptedRow[],
    outcomes: Map<string, Outcome>,
  ): Promise<void> {
    await em.query(
      `UPDATE inventory.source_items si SET feed_as_of = f.as_of FROM unnest($2::text[], $3::timestamptz[]) AS f(supplier_sku, as_of)
        WHERE si.source_id = $1 AND si.supplier_sku = f.supplier_sku`,
      [source.id, rows.map((r) => r.supplierSku), rows.map((r) => r.asOf)],
    );
    await recordMovements(
      em,
      rows
        .filter((r) => r.quantity !== outcomes.get(r.itemId)!.previous)
        .map((r) => ({
          itemId: r.itemId,
          locationId,
          kind: 'ADJUSTMENT' as const,
          onHandDelta: r.quantity - outcomes.get(r.itemId)!.previous,
          reservedDelta: 0,
          reason: `supplier feed ${r.supplierSku}`,
          reference: `FEED ${source.code} ${r.asOf.toISOString()}`,
        })),
    );
  }
}

async function supplier(em: EntityManager, code: string): Promise<SourceRef> {
  const source = await sourceByCode(em, code);
  if (source.kind !== 'SUPPLIER') {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Source ${code} is one of our warehouses; its stock changes through receipts, adjustments and transfers`,
      {
        fields: [{ field: 'sourceCode', problems: [`${code} is not a supplier`] }],
      },
    );
  }
  return source;
}

async function mappedSkus(
  em: EntityManager,
  sourceId: string,
  supplierSkus: string[],
): Promise<Map<string, MappedSku>> {
  const found = await rows<{ supplier_sku: string; item_id: string; sku: string; feed_as_of: Date | null }>(
    em,
    `SELECT si.supplier_sku, si.item_id, i.sku, si.feed_as_of FROM inventory.source_items si JOIN inventory.items i ON i.id = si.item_id
      WHERE si.source_id = $1 AND si.supplier_sku = ANY($2::text[])`,
    [sourceId, [...new Set(supplierSkus)]],
  );
  return new Map(
    found.map((f) => [
      f.supplier_sku,
      {
        supplierSku: f.supplier_sku,
        itemId: f.item_id,
        sku: f.sku,
        lastAsOf: f.feed_as_of ? new Date(f.feed_as_of) : null,
      },
    ]),
  );
}

/** Sets every accepted row's quantity in one statement, only where it does not fall below what is reserved there. */
async function setQuantities(
  em: EntityManager,
  locationId: string,
  accepted: AcceptedRow[],
): Promise<Map<string, Outcome>> {
  const found = await rows<Outcome>(
    em,
    `WITH feed AS (SELECT * FROM unnest($2::uuid[], $3::int[]) AS f(item_id, quantity)),
          before AS (SELECT s.item_id, s.on_hand, s.reserved FROM inventory.stock s JOIN feed f ON f.item_id = s.item_id WHERE s.location_id = $1),
          changed AS (UPDATE inventory.stock s SET on_hand = f.quantity FROM feed f
                       WHERE s.item_id = f.item_id AND s.location_id = $1 AND s.reserved <= f.quantity
                      RETURNING s.item_id, s.on_hand - s.reserved AS available)
     SELECT b.item_id, b.on_hand AS previous, b.reserved, c.item_id IS NOT NULL AS applied, c.available
       FROM before b LEFT JOIN changed c ON c.item_id = b.item_id`,
    [locationId, accepted.map((r) => r.itemId), accepted.map((r) => r.quantity)],
  );
  return new Map(found.map((o) => [o.item_id, o]));
}

function belowReserved(row: AcceptedRow, outcome: Outcome): FeedRejection {
  return {
    row: row.row,
    supplierSku: row.supplierSku,
    reason: 'BELOW_RESERVED',
    message: `Quantity ${row.quantity} is below the ${outcome.reserved} already reserved at this supplier`,
  };
}

/** The supplier's stock rows of the accepted rows' items (made when missing), locked in the global order. */
async function lockSupplierRows(em: EntityManager, locationId: string, accepted: AcceptedRow[]): Promise<HeldStock[]> {
  await em.query(
    `INSERT INTO inventory.stock (item_id, location_id) SELECT item_id, $1 FROM unnest($2::uuid[]) AS f(item_id) ON CONFLICT DO NOTHING`,
    [locationId, accepted.map((a) => a.itemId)],
  );
  return lockRows(
    em,
    accepted.map((a) => ({ itemId: a.itemId, locationId })),
  );
}

/** Which accepted rows were applied (and raised availability) and which fell below what is reserved. */
function sortOutcomes(
  accepted: AcceptedRow[],
  outcomes: Map<string, Outcome>,
  held: HeldStock[],
  rejected: FeedRejection[],
): { applied: FeedChange[]; raised: HeldStock[] } {
  const applied: FeedChange[] = [];
  const raised: HeldStock[] = [];
  for (const row of accepted) {
    const outcome = outcomes.get(row.itemId)!;
    if (!outcome.applied) {
      rejected.push(belowReserved(row, outcome));
      continue;
    }
    applied.push({ supplierSku: row.supplierSku, sku: row.sku, previous: outcome.previous, quantity: row.quantity });
    if (row.quantity > outcome.previous)
      raised.push({ ...held.find((h) => h.itemId === row.itemId)!, available: outcome.available! });
  }
  return { applied, raised };
}
