import type { Allocation } from '#contracts';

/**
 * Whether an allocation is ours to pick: units at one of our warehouse locations. A
 * supplier that ships for us (drop-ship) fills its allocations itself. Allocations from
 * before sources existed carry no kind and are ours.
 */
export function isPickable(allocation: Allocation): boolean {
  return allocation.quantity > 0 && (allocation.sourceKind ?? 'WAREHOUSE') === 'WAREHOUSE';
}
