import type { ItemView, KitComponent } from '#contracts';

/** Selects everything an ItemView shows; append WHERE / ORDER BY. */
export const ITEM_VIEW_SQL = `SELECT i.id, i.sku, i.name, p.code AS product_code, i.inventoried, i.stock_unit, i.weight_grams, i.category,
       i.tax_class, l.code AS location_code, i.bin, i.is_kit, i.created_at,
       COALESCE((SELECT json_agg(json_build_object('sku', c.sku, 'quantity', ic.quantity) ORDER BY c.sku)
                   FROM inventory.item_components ic JOIN inventory.items c ON c.id = ic.component_item_id
                  WHERE ic.kit_item_id = i.id), '[]') AS components
  FROM inventory.items i
  LEFT JOIN inventory.products p ON p.id = i.product_id
  LEFT JOIN inventory.locations l ON l.id = i.warehouse_location_id`;

export interface ItemRow {
  id: string;
  sku: string;
  name: string;
  product_code: string | null;
  inventoried: boolean;
  stock_unit: string;
  weight_grams: number | null;
  category: string | null;
  tax_class: string;
  location_code: string | null;
  bin: string | null;
  is_kit: boolean;
  created_at: Date;
  components: KitComponent[];
}

export function toItemView(row: ItemRow): ItemView {
  const view: ItemView = {
    id: row.id,
    sku: row.sku,
    name: row.name,
    inventoried: row.inventoried,
    stockUnit: row.stock_unit,
    taxClass: row.tax_class,
    linkedToWarehouse: row.location_code !== null,
    kit: row.is_kit,
    components: row.components,
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (row.product_code) view.productCode = row.product_code;
  if (row.weight_grams !== null) view.weightGrams = row.weight_grams;
  if (row.category) view.category = row.category;
  if (row.location_code) view.warehouseLocationCode = row.location_code;
  if (row.bin) view.bin = row.bin;
  return view;
}
