import type { KitComponent, ReservedLineView } from '#contracts';
import type { Queryable } from '#platform';
import type { AllocationViews, HeldUnits } from '../common/allocation-views.service.js';
import { rows } from '#platform';

interface StateRow {
  line_id: string;
  item_id: string;
  sku: string;
  requested: number;
  backordered: number;
  inventoried: boolean;
  is_kit: boolean;
  linked_location_id: string | null;
  held: Array<{ locationId: string; quantity: number; sourceSku: string | null }>;
}

/** Each line with its item and what it holds where (with the source's own SKU there). */
const STATE_SQL = `SELECT b.order_line_id AS line_id, i.id AS item_id, i.sku, b.requested, b.backordered, i.inventoried, i.is_kit,
            i.warehouse_location_id AS linked_location_id,
            COALESCE(json_agg(json_build_object('locationId', r.location_id, 'quantity', r.quantity, 'sourceSku', si.supplier_sku))
                     FILTER (WHERE r.location_id IS NOT NULL), '[]') AS held
       FROM inventory.reserve_lines b
       JOIN inventory.items i ON i.id = b.item_id
       LEFT JOIN inventory.reservations r ON r.order_line_id = b.order_line_id
       LEFT JOIN inventory.locations l ON l.id = r.location_id
       LEFT JOIN inventory.source_items si ON si.source_id = l.source_id AND si.item_id = b.item_id
      WHERE b.order_line_id = ANY($1::uuid[])
      GROUP BY b.order_line_id, i.id`;

/**
 * What inventory holds for these lines now: reserved units per location and what still
 * waits. A line whose item is not inventoried reserves nothing and never waits; when the
 * item is linked to a warehouse location, that is where it ships from.
 */
export async function reservationState(
  db: Queryable,
  views: AllocationViews,
  lineIds: string[],
): Promise<Map<string, ReservedLineView>> {
  const found = await rows<StateRow>(db, STATE_SQL, [lineIds]);
  const units: HeldUnits[] = found.flatMap((row) =>
    row.inventoried
      ? row.held.map((h) => ({
          lineId: row.line_id,
          itemId: row.item_id,
          locationId: h.locationId,
          quantity: h.quantity,
          sourceSku: h.sourceSku,
        }))
      : row.linked_location_id
        ? [{ lineId: row.line_id, itemId: row.item_id, locationId: row.linked_location_id, quantity: row.requested }]
        : [],
  );
  const allocations = await views.build(units, db);
  const components = await kitComponents(
    db,
    found.filter((r) => r.is_kit).map((r) => r.item_id),
  );
  const state = new Map<string, ReservedLineView>();
  for (const row of found) {
    const reserved = row.inventoried ? row.held.reduce((sum, h) => sum + h.quantity, 0) : row.requested;
    const view: ReservedLineView = {
      lineId: row.line_id,
      sku: row.sku,
      requested: row.requested,
      reserved,
      backordered: row.backordered,
      allocations: allocations.get(row.line_id) ?? [],
      inventoried: row.inventoried,
      linkedToWarehouse: row.linked_location_id !== null,
    };
    if (row.is_kit) view.components = components.get(row.item_id) ?? [];
    state.set(row.line_id, view);
  }
  return state;
}

async function kitComponents(db: Queryable, kitIds: string[]): Promise<Map<string, KitComponent[]>> {
  if (kitIds.length === 0) return new Map();
  const found = await rows<{ kit_item_id: string; sku: string; quantity: number }>(
    db,
    `SELECT ic.kit_item_id, c.sku, ic.quantity FROM inventory.item_components ic JOIN inventory.items c ON c.id = ic.component_item_id
      WHERE ic.kit_item_id = ANY($1::uuid[]) ORDER BY c.sku`,
    [kitIds],
  );
  const byKit = new Map<string, KitComponent[]>();
  for (const c of found)
    byKit.set(c.kit_item_id, [...(byKit.get(c.kit_item_id) ?? []), { sku: c.sku, quantity: c.quantity }]);
  return byKit;
}
