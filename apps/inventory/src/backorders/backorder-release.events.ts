import type { EntityManager } from 'typeorm';
import { type BackorderReleasedEvent, InventorySubjects, type OrderType, type ReleasedLineView } from '#contracts';
import type { OutboxService } from '#platform';
import type { AllocationViews } from '../common/allocation-views.service.js';
import type { ServedUnits } from '../common/serve-lines.query.js';
import { rows } from '#platform';

interface LineFacts {
  order_line_id: string;
  order_id: string;
  order_number: string | null;
  order_type: OrderType | null;
  order_date: Date;
  sku: string;
  backordered: number;
}

/** What each served line got, one entry per line in the order they were served. */
export async function describeReleases(
  em: EntityManager,
  views: AllocationViews,
  served: ServedUnits[],
  known?: Map<string, LineFacts>,
): Promise<ReleasedLineView[]> {
  if (served.length === 0) return [];
  const facts = known ?? (await lineFacts(em, served));
  const allocations = await views.build(
    served.map((s) => ({ lineId: s.lineId, itemId: s.itemId, locationId: s.locationId, quantity: s.quantity })),
    em,
  );
  const lines = new Map<string, ReleasedLineView>();
  for (const s of served) {
    const line = lines.get(s.lineId);
    if (line) {
      line.released += s.quantity;
      continue;
    }
    const f = facts.get(s.lineId)!;
    lines.set(s.lineId, {
      orderId: f.order_id,
      orderNumber: f.order_number ?? undefined,
      lineId: s.lineId,
      sku: f.sku,
      released: s.quantity,
      backordered: f.backordered,
      allocations: allocations.get(s.lineId) ?? [],
    });
  }
  return [...lines.values()];
}

/** One `backorder released` event per order, written to the outbox in the caller's transaction. */
export async function announceReleases(
  em: EntityManager,
  outbox: OutboxService,
  views: AllocationViews,
  served: ServedUnits[],
): Promise<void> {
  if (served.length === 0) return;
  const facts = await lineFacts(em, served);
  const lines = await describeReleases(em, views, served, facts);
  const byOrder = new Map<string, ReleasedLineView[]>();
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
  for (const [orderId, released] of byOrder) {
    const first = facts.get(released[0].lineId)!;
    const event: BackorderReleasedEvent = {
      orderId,
      orderNumber: first.order_number ?? '',
      orderType: first.order_type ?? 'ORDER',
      orderDate: new Date(first.order_date).toISOString(),
      lines: released.map((l) => ({
        lineId: l.lineId,
        sku: l.sku,
        released: l.released,
        backordered: l.backordered,
        allocations: l.allocations,
      })),
    };
    await outbox.add(em, InventorySubjects.backorderReleased, event);
  }
}

async function lineFacts(em: EntityManager, served: ServedUnits[]): Promise<Map<string, LineFacts>> {
  const found = await rows<LineFacts>(
    em,
    `SELECT b.order_line_id, b.order_id, b.order_number, b.order_type, COALESCE(b.order_date, b.created_at) AS order_date, i.sku, b.backordered
       FROM inventory.reserve_lines b JOIN inventory.items i ON i.id = b.item_id WHERE b.order_line_id = ANY($1::uuid[])`,
    [[...new Set(served.map((s) => s.lineId))]],
  );
  return new Map(found.map((f) => [f.order_line_id, f]));
}
