import type { LocationView, SourceKind } from '#contracts';

/** Locations with their source, in sourcing order: our warehouses, then suppliers; then source and location priority. */
export const LOCATION_VIEW_SQL = `SELECT l.id, l.code, l.name, l.priority, s.code AS source_code, s.kind AS source_kind
  FROM inventory.locations l JOIN inventory.sources s ON s.id = l.source_id`;
export const SOURCING_ORDER = `s.kind = 'SUPPLIER', s.priority, l.priority, l.code`;

export interface LocationRow {
  id: string;
  code: string;
  name: string;
  priority: number;
  source_code: string;
  source_kind: SourceKind;
}

export function toLocationView(row: LocationRow): LocationView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    priority: row.priority,
    sourceCode: row.source_code,
    sourceKind: row.source_kind,
  };
}
