import { sortFeedRows, type MappedSku } from './feed-rows.js';

const now = new Date('2026-11-20T12:00:00Z');
const mapped = new Map<string, MappedSku>([
  ['A123', { supplierSku: 'A123', itemId: 'i1', sku: 'V123', lastAsOf: new Date('2026-11-20T08:00:00Z') }],
  ['A999', { supplierSku: 'A999', itemId: 'i2', sku: 'V999', lastAsOf: null }],
]);

describe('sorting supplier feed rows', () => {
  it('accepts a fresh row for a mapped SKU', () => {
    const { accepted, rejected } = sortFeedRows(
      [{ supplierSku: 'A123', quantity: 4, asOf: '2026-11-20T09:00:00Z' }],
      mapped,
      now,
      72,
    );
    expect(rejected).toEqual([]);
    expect(accepted).toEqual([
      { row: 0, supplierSku: 'A123', itemId: 'i1', sku: 'V123', quantity: 4, asOf: new Date('2026-11-20T09:00:00Z') },
    ]);
  });

  it('counts a row without asOf as counted now', () => {
    expect(sortFeedRows([{ supplierSku: 'A999', quantity: 0 }], mapped, now, 72).accepted[0].asOf).toEqual(now);
  });

  it('rejects unknown, negative, too old and not-newer rows, each with its reason', () => {
    const { accepted, rejected } = sortFeedRows(
      [
        { supplierSku: 'NOPE', quantity: 1 },
        { supplierSku: 'A999', quantity: -1 },
        { supplierSku: 'A999', quantity: 1, asOf: '2026-11-10T00:00:00Z' },
        { supplierSku: 'A123', quantity: 1, asOf: '2026-11-20T08:00:00Z' },
      ],
      mapped,
      now,
      72,
    );
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => [r.row, r.reason])).toEqual([
      [0, 'UNKNOWN_SUPPLIER_SKU'],
      [1, 'NEGATIVE_QUANTITY'],
      [2, 'STALE'],
      [3, 'STALE'],
    ]);
  });

  it('keeps only the newest of two rows for one SKU', () => {
    const { accepted, rejected } = sortFeedRows(
      [
        { supplierSku: 'A999', quantity: 5, asOf: '2026-11-20T11:00:00Z' },
        { supplierSku: 'A999', quantity: 3, asOf: '2026-11-20T10:00:00Z' },
      ],
      mapped,
      now,
      72,
    );
    expect(accepted.map((a) => [a.row, a.quantity])).toEqual([[0, 5]]);
    expect(rejected).toEqual([expect.objectContaining({ row: 1, reason: 'DUPLICATE_ROW' })]);
  });
});
