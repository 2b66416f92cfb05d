import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Allocation, BackorderReleasedEvent, LineStatus } from '#contracts';
import { RetryLaterError, rows } from '#platform';
import { moveLineStatus } from '../order-lines/line-moves.js';

interface LockedLine {
  id: string;
  line_status: LineStatus;
  allocations: Allocation[];
}

/** Lines that no longer take stock: a late release changes nothing on them. */
const CLOSED: readonly LineStatus[] = ['CANCELLED', 'RETURNED'];

/**
 * Inventory released back-ordered stock to some of an order's lines: each line now holds
 * more and waits for less, and a line that was back-ordered becomes active. Runs inside
 * the consumer's inbox transaction, so a redelivered release is applied once.
 */
@Injectable()
export class ReleasedLinesService {
  async apply(em: EntityManager, event: BackorderReleasedEvent): Promise<void> {
    const ids = [...new Set(event.lines.map((l) => l.lineId))];
    const found = await rows<LockedLine>(
      em,
      `SELECT id, line_status, allocations FROM orders.order_lines WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    if (found.length !== ids.length)
      throw new RetryLaterError(`order lines of ${event.orderNumber} released by inventory are not all known yet`);
    const lines = new Map(found.map((l) => [l.id, l]));
    for (const released of event.lines) {
      const line = lines.get(released.lineId)!;
      if (CLOSED.includes(line.line_status)) continue;
      const allocations = mergeAllocations(line.allocations, released.allocations);
      line.allocations = allocations;
      await em.query(
        `UPDATE orders.order_lines SET reserved_quantity = reserved_quantity + $2, backordered_quantity = $3, allocations = $4::jsonb
          WHERE id = $1`,
        [line.id, released.released, released.backordered, JSON.stringify(allocations)],
      );
      // "When the automatic release of back order items is processed ... the item will be marked eligible to be printed on a picking ticket."
      if (line.line_status === 'BACK_ORDERED') await moveLineStatus(em, [line], 'ACTIVE');
    }
  }
}

/** Adds newly reserved units to a line's allocations: per location, quantities add up. */
export function mergeAllocations(held: Allocation[], added: Allocation[]): Allocation[] {
  const merged = held.map((a) => ({ ...a }));
  for (const allocation of added) {
    const same = merged.find((a) => a.locationCode === allocation.locationCode);
    if (same) same.quantity += allocation.quantity;
    else merged.push({ ...allocation });
  }
  return merged;
}
