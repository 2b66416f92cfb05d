import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Allocation, SourceKind } from '#contracts';
import type { Queryable } from '#platform';
import { rows } from '#platform';

/** Units of one item held for one order line at one location. */
export interface HeldUnits {
  lineId: string;
  itemId: string;
  locationId: string;
  quantity: number;
  /** The source's own SKU when the caller already knows it (null: none); looked up when absent. */
  sourceSku?: string | null;
}

interface KnownLocation {
  code: string;
  sourceId: string;
  sourceCode: string;
  sourceKind: SourceKind;
  /** Sourcing order: our warehouses before suppliers, then source and location priority. */
  rank: string;
}

/**
 * Turns reservation rows (ids) into the allocations callers see: location and source codes,
 * the source's kind and its own SKU for the item. Locations never change code or source, so
 * they are cached for the life of the process.
 */
@Injectable()
export class AllocationViews {
  private readonly known = new Map<string, KnownLocation>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async build(held: HeldUnits[], db: Queryable = this.dataSource): Promise<Map<string, Allocation[]>> {
    await this.learn(
      held.map((h) => h.locationId),
      db,
    );
    const skus = await this.sourceSkus(
      held.filter((h) => h.sourceSku === undefined).map((h) => h.itemId),
      db,
    );
    const byLine = new Map<string, Array<Allocation & { rank: string }>>();
    for (const h of held) {
      if (h.quantity <= 0) continue;
      const location = this.known.get(h.locationId)!;
      const list = byLine.get(h.lineId) ?? [];
      const same = list.find((a) => a.locationCode === location.code);
      if (same) same.quantity += h.quantity;
      else
        list.push(
          toAllocation(
            location,
            h.quantity,
            h.sourceSku === undefined ? skus.get(`${location.sourceId}|${h.itemId}`) : (h.sourceSku ?? undefined),
          ),
        );
      byLine.set(h.lineId, list);
    }
    const result = new Map<string, Allocation[]>();
    for (const [lineId, list] of byLine) {
      result.set(
        lineId,
        list
          .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
          .map(({ rank: _rank, ...allocation }) => allocation),
      );
    }
    return result;
  }

  /** The code, source and kind of a location (by id). */
  async location(id: string, db: Queryable = this.dataSource): Promise<KnownLocation> {
    await this.learn([id], db);
    return this.known.get(id)!;
  }

  private async learn(ids: string[], db: Queryable): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    if (missing.length === 0) return;
    const found = await rows<{
      id: string;
      code: string;
      source_id: string;
      source_code: string;
      kind: SourceKind;
      source_priority: number;
      priority: number;
    }>(
      db,
      `SELECT l.id, l.code, s.id AS source_id, s.code AS source_code, s.kind, s.priority AS source_priority, l.priority
         FROM inventory.locations l JOIN inventory.sources s ON s.id = l.source_id WHERE l.id = ANY($1::uuid[])`,
      [missing],
    );
    for (const l of found) {
      const rank = `${l.kind === 'SUPPLIER' ? 1 : 0}|${pad(l.source_priority)}|${pad(l.priority)}|${l.code}`;
      this.known.set(l.id, {
        code: l.code,
        sourceId: l.source_id,
        sourceCode: l.source_code,
        sourceKind: l.kind,
        rank,
      });
    }
  }

  private async sourceSkus(itemIds: string[], db: Queryable): Promise<Map<string, string>> {
    const unique = [...new Set(itemIds)];
    if (unique.length === 0) return new Map();
    const found = await rows<{ source_id: string; item_id: string; supplier_sku: string }>(
      db,
      `SELECT source_id, item_id, supplier_sku FROM inventory.source_items WHERE item_id = ANY($1::uuid[])`,
      [unique],
    );
    return new Map(found.map((r) => [`${r.source_id}|${r.item_id}`, r.supplier_sku]));
  }
}

function toAllocation(
  location: KnownLocation,
  quantity: number,
  sourceSku: string | undefined,
): Allocation & { rank: string } {
  const allocation: Allocation & { rank: string } = {
    locationCode: location.code,
    quantity,
    sourceCode: location.sourceCode,
    sourceKind: location.sourceKind,
    rank: location.rank,
  };
  if (sourceSku) allocation.sourceSku = sourceSku;
  return allocation;
}

function pad(n: number): string {
  return String(n).padStart(10, '0');
}
