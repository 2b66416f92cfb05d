import type { FeedRejection, SupplierFeedRow } from '#contracts';

/** What inventory knows about a supplier SKU before a feed is applied. */
export interface MappedSku {
  supplierSku: string;
  itemId: string;
  sku: string;
  /** As-of time of the last feed row applied for it. */
  lastAsOf: Date | null;
}

export interface AcceptedRow {
  row: number;
  supplierSku: string;
  itemId: string;
  sku: string;
  quantity: number;
  asOf: Date;
}

/**
 * Sorts feed rows into those to apply and those rejected with a reason. A row is rejected
 * when its SKU is not mapped, its quantity is negative, it is stale (counted before the
 * last applied row for the SKU, or longer ago than the allowed age), or another row of
 * the same feed for the same SKU is newer.
 */
export function sortFeedRows(
  rows: SupplierFeedRow[],
  mapped: Map<string, MappedSku>,
  now: Date,
  maxAgeHours: number,
): { accepted: AcceptedRow[]; rejected: FeedRejection[] } {
  const rejected: FeedRejection[] = [];
  const newest = new Map<string, AcceptedRow>();
  const oldestAllowed = now.getTime() - maxAgeHours * 3_600_000;
  rows.forEach((row, index) => {
    const reject = (reason: FeedRejection['reason'], message: string) =>
      rejected.push({ row: index, supplierSku: row.supplierSku, reason, message });
    const known = mapped.get(row.supplierSku);
    const asOf = row.asOf ? new Date(row.asOf) : now;
    if (!known)
      return reject('UNKNOWN_SUPPLIER_SKU', `${row.supplierSku} is not mapped to any of our SKUs at this source`);
    if (row.quantity < 0) return reject('NEGATIVE_QUANTITY', `Quantity ${row.quantity} is negative`);
    if (asOf.getTime() < oldestAllowed)
      return reject('STALE', `Counted ${asOf.toISOString()}, more than ${maxAgeHours} h ago`);
    if (known.lastAsOf && asOf.getTime() <= known.lastAsOf.getTime()) {
      return reject(
        'STALE',
        `Counted ${asOf.toISOString()}, not after the last applied count (${known.lastAsOf.toISOString()})`,
      );
    }
    keepNewest(newest, rejected, {
      row: index,
      supplierSku: row.supplierSku,
      itemId: known.itemId,
      sku: known.sku,
      quantity: row.quantity,
      asOf,
    });
  });
  return {
    accepted: [...newest.values()].sort((a, b) => a.row - b.row),
    rejected: rejected.sort((a, b) => a.row - b.row),
  };
}

/** Keeps the newer of two rows for one SKU in the same feed; the other is rejected as a duplicate. */
function keepNewest(newest: Map<string, AcceptedRow>, rejected: FeedRejection[], candidate: AcceptedRow): void {
  const other = newest.get(candidate.supplierSku);
  if (!other) return void newest.set(candidate.supplierSku, candidate);
  const [keep, drop] = candidate.asOf.getTime() >= other.asOf.getTime() ? [candidate, other] : [other, candidate];
  newest.set(candidate.supplierSku, keep);
  const message = `Row ${keep.row} of this feed is newer for ${drop.supplierSku}`;
  rejected.push({ row: drop.row, supplierSku: drop.supplierSku, reason: 'DUPLICATE_ROW', message });
}
