import type { SourceKind } from '#contracts';
import { DomainError, type Queryable, rows } from '#platform';

export interface ItemRef {
  id: string;
  sku: string;
  inventoried: boolean;
  warehouseLocationId: string | null;
}

export interface LocationRef {
  id: string;
  code: string;
  sourceId: string;
  sourceCode: string;
  sourceKind: SourceKind;
}

export interface SourceRef {
  id: string;
  code: string;
  kind: SourceKind;
}

const ITEM_COLUMNS = `id, sku, inventoried, warehouse_location_id AS "warehouseLocationId"`;
const LOCATION_QUERY = `SELECT l.id, l.code, l.source_id AS "sourceId", s.code AS "sourceCode", s.kind AS "sourceKind"
  FROM inventory.locations l JOIN inventory.sources s ON s.id = l.source_id`;

/** The items of these SKUs; ITEM_NOT_FOUND naming every unknown one. */
export async function itemsBySku(db: Queryable, skus: string[]): Promise<Map<string, ItemRef>> {
  const unique = [...new Set(skus)];
  const found = await rows<ItemRef>(db, `SELECT ${ITEM_COLUMNS} FROM inventory.items WHERE sku = ANY($1::text[])`, [
    unique,
  ]);
  const bySku = new Map(found.map((item) => [item.sku, item]));
  const unknown = unique.filter((sku) => !bySku.has(sku));
  if (unknown.length > 0)
    throw new DomainError('ITEM_NOT_FOUND', `Unknown SKU: ${unknown.join(', ')}`, { skus: unknown });
  return bySku;
}

export async function itemBySku(db: Queryable, sku: string): Promise<ItemRef> {
  const item = (await itemsBySku(db, [sku])).get(sku)!;
  return item;
}

/** Locations by code; LOCATION_NOT_FOUND naming every unknown one. */
export async function locationsByCode(db: Queryable, codes: string[]): Promise<Map<string, LocationRef>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const found = await rows<LocationRef>(db, `${LOCATION_QUERY} WHERE l.code = ANY($1::text[])`, [unique]);
  const byCode = new Map(found.map((l) => [l.code, l]));
  const unknown = unique.filter((code) => !byCode.has(code));
  if (unknown.length > 0) {
    throw new DomainError('LOCATION_NOT_FOUND', `No location with code ${unknown.join(', ')}`, {
      locationCodes: unknown,
    });
  }
  return byCode;
}

export async function locationByCode(db: Queryable, code: string): Promise<LocationRef> {
  return (await locationsByCode(db, [code])).get(code)!;
}

/**
 * A location of one of our warehouses, where goods are physically received, counted and
 * moved. A supplier's location only changes through the supplier's feed.
 */
export async function ownLocation(db: Queryable, code: string, field = 'locationCode'): Promise<LocationRef> {
  const location = await locationByCode(db, code);
  if (location.sourceKind !== 'WAREHOUSE') {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Location ${code} belongs to supplier ${location.sourceCode}; its quantity changes only through the supplier's feed`,
      { fields: [{ field, problems: [`${code} is a supplier location`] }] },
    );
  }
  return location;
}

/** Sources by code; SOURCE_NOT_FOUND naming every unknown one. */
export async function sourcesByCode(db: Queryable, codes: string[]): Promise<Map<string, SourceRef>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const found = await rows<SourceRef>(db, `SELECT id, code, kind FROM inventory.sources WHERE code = ANY($1::text[])`, [
    unique,
  ]);
  const byCode = new Map(found.map((s) => [s.code, s]));
  const unknown = unique.filter((code) => !byCode.has(code));
  if (unknown.length > 0)
    throw new DomainError('SOURCE_NOT_FOUND', `No source with code ${unknown.join(', ')}`, { sourceCodes: unknown });
  return byCode;
}

export async function sourceByCode(db: Queryable, code: string): Promise<SourceRef> {
  return (await sourcesByCode(db, [code])).get(code)!;
}
