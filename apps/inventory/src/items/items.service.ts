import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CreateItemRequest,
  type ItemCreatedEvent,
  type ItemView,
  InventorySubjects,
  type ListItemsRequest,
  type LookupItemsReply,
  type LookupItemsRequest,
  type Page,
} from '#contracts';
import { DomainError, maybeRow, oneRow, OutboxService, type Queryable, rows } from '#platform';
import { itemsBySku, ownLocation } from '../common/lookups.js';
import { ITEM_VIEW_SQL, type ItemRow, toItemView } from './item-views.js';

/** Items are our SKUs (product variants): inventoried or not, linked to a warehouse and bin or not, kits or not. */
@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async create(request: CreateItemRequest): Promise<ItemView> {
    return this.dataSource.transaction(async (em) => {
      const productId = request.productCode ? await this.productId(em, request.productCode) : null;
      const locationId = await this.linkedLocation(em, request);
      const inserted = await rows<{ id: string }>(
        em,
        `INSERT INTO inventory.items (sku, name, inventoried, stock_unit, product_id, weight_grams, category, tax_class, warehouse_location_id, bin, is_kit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (sku) DO NOTHING RETURNING id`,
        [
          request.sku,
          request.name,
          request.inventoried ?? true,
          request.stockUnit ?? 'EA',
          productId,
          request.weightGrams ?? null,
          request.category ?? null,
          request.taxClass ?? 'STANDARD',
          locationId,
          request.bin ?? null,
          (request.components?.length ?? 0) > 0,
        ],
      );
      if (inserted.length === 0)
        throw new DomainError('ALREADY_EXISTS', `An item with SKU ${request.sku} already exists`, { sku: request.sku });
      await this.addComponents(em, inserted[0].id, request);
      const item = await this.get(request.sku, em);
      await this.outbox.add(em, InventorySubjects.itemCreated, item satisfies ItemCreatedEvent);
      return item;
    });
  }

  async get(sku: string, db: Queryable = this.dataSource): Promise<ItemView> {
    const [row] = await rows<ItemRow>(db, `${ITEM_VIEW_SQL} WHERE i.sku = $1`, [sku]);
    if (!row) throw new DomainError('ITEM_NOT_FOUND', `No item with SKU ${sku}`, { sku });
    return toItemView(row);
  }

  async list(request: ListItemsRequest): Promise<Page<ItemView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR p.code = $1)`;
    const found = await rows<ItemRow>(this.dataSource, `${ITEM_VIEW_SQL} ${where} ORDER BY i.sku LIMIT $2 OFFSET $3`, [
      request.productCode ?? null,
      limit,
      offset,
    ]);
    const { count } = await oneRow<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM inventory.items i LEFT JOIN inventory.products p ON p.id = i.product_id ${where}`,
      [request.productCode ?? null],
    );
    return { items: found.map(toItemView), total: count, limit, offset };
  }

  /** Many items in one call (pricing reads category and tax class this way); unknown SKUs are listed, not an error. */
  async lookup(request: LookupItemsRequest): Promise<LookupItemsReply> {
    const found = await rows<ItemRow>(
      this.dataSource,
      `${ITEM_VIEW_SQL} WHERE i.sku = ANY($1::text[]) ORDER BY i.sku`,
      [request.skus],
    );
    const known = new Set(found.map((r) => r.sku));
    return { items: found.map(toItemView), unknown: [...new Set(request.skus)].filter((sku) => !known.has(sku)) };
  }

  private async productId(em: EntityManager, code: string): Promise<string> {
    const product = await maybeRow<{ id: string }>(em, `SELECT id FROM inventory.products WHERE code = $1`, [code]);
    if (!product) throw new DomainError('NOT_FOUND', `No product with code ${code}`, { productCode: code });
    return product.id;
  }

  private async linkedLocation(em: EntityManager, request: CreateItemRequest): Promise<string | null> {
    if (request.bin && !request.warehouseLocationCode) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'A bin needs the warehouse location it is in (warehouseLocationCode)',
        {
          fields: [{ field: 'warehouseLocationCode', problems: ['warehouseLocationCode is required with bin'] }],
        },
      );
    }
    if (!request.warehouseLocationCode) return null;
    return (await ownLocation(em, request.warehouseLocationCode, 'warehouseLocationCode')).id;
  }

  private async addComponents(em: EntityManager, kitId: string, request: CreateItemRequest): Promise<void> {
    const components = request.components ?? [];
    if (components.length === 0) return;
    const skus = components.map((c) => c.sku);
    const duplicate = skus.find((sku, i) => skus.indexOf(sku) !== i);
    const problem = skus.includes(request.sku)
      ? `a kit cannot contain itself (${request.sku})`
      : duplicate
        ? `${duplicate} is listed twice`
        : null;
    if (problem)
      throw new DomainError('VALIDATION_FAILED', `Invalid kit: ${problem}`, {
        fields: [{ field: 'components', problems: [problem] }],
      });
    const items = await itemsBySku(em, skus);
    await em.query(
      `INSERT INTO inventory.item_components (kit_item_id, component_item_id, quantity) SELECT $1, c.id, c.quantity
         FROM unnest($2::uuid[], $3::int[]) AS c(id, quantity)`,
      [kitId, components.map((c) => items.get(c.sku)!.id), components.map((c) => c.quantity)],
    );
  }
}
