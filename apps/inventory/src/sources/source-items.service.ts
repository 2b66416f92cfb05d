import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CreateSourceItemRequest, ListSourceItemsRequest, Page, SourceItemView, SourceKind } from '#contracts';
import { DomainError, oneRow, rows } from '#platform';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { itemBySku, sourceByCode } from '../common/lookups.js';
import { ensureStockRow } from '../common/stock-locks.js';
import { bookIn } from '../stock/stock-booking.js';

interface SourceItemRow {
  source_code: string;
  kind: SourceKind;
  supplier_sku: string;
  sku: string;
  feed_as_of: Date | null;
  on_hand: number;
  reserved: number;
}

/** Maps a source's own SKU (A123 at Distributor A, C456 at the Warehouse) to our variant (V123, V456). */
@Injectable()
export class SourceItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backorders: BackorderReleaseService,
  ) {}

  async create(request: CreateSourceItemRequest): Promise<SourceItemView> {
    await this.dataSource.transaction(async (em) => {
      const source = await sourceByCode(em, request.sourceCode);
      const item = await itemBySku(em, request.sku);
      if (source.kind === 'WAREHOUSE' && request.quantity !== undefined) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `${source.code} is one of our warehouses: receive its stock instead of stating a quantity`,
          {
            fields: [{ field: 'quantity', problems: ['quantity is only for supplier sources'] }],
          },
        );
      }
      const inserted = await rows<unknown>(
        em,
        `INSERT INTO inventory.source_items (source_id, supplier_sku, item_id, feed_as_of) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING item_id`,
        [
          source.id,
          request.supplierSku,
          item.id,
          source.kind === 'SUPPLIER' && request.quantity !== undefined ? new Date() : null,
        ],
      );
      if (inserted.length === 0) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `${source.code} already maps ${request.supplierSku} or ${request.sku}`,
          {
            sourceCode: source.code,
            supplierSku: request.supplierSku,
            sku: request.sku,
          },
        );
      }
      if (source.kind !== 'SUPPLIER') return;
      const { id: locationId } = await oneRow<{ id: string }>(
        em,
        `SELECT id FROM inventory.locations WHERE source_id = $1`,
        [source.id],
      );
      if (!request.quantity) return ensureStockRow(em, item.id, locationId);
      const held = await bookIn(em, {
        itemId: item.id,
        locationId,
        kind: 'ADJUSTMENT',
        onHandDelta: request.quantity,
        reason: `supplier feed ${request.supplierSku}`,
      });
      await this.backorders.afterStockArrived(em, [held]);
    });
    const page = await this.page(request.sourceCode, 1, 0, request.supplierSku);
    return page.items[0];
  }

  async list(request: ListSourceItemsRequest): Promise<Page<SourceItemView>> {
    await sourceByCode(this.dataSource, request.sourceCode);
    return this.page(request.sourceCode, request.limit ?? 50, request.offset ?? 0, null);
  }

  private async page(
    sourceCode: string,
    limit: number,
    offset: number,
    supplierSku: string | null,
  ): Promise<Page<SourceItemView>> {
    const where = `WHERE o.code = $1 AND ($2::text IS NULL OR si.supplier_sku = $2)`;
    const found = await rows<SourceItemRow>(
      this.dataSource,
      `SELECT o.code AS source_code, o.kind, si.supplier_sku, i.sku, si.feed_as_of,
              COALESCE(sum(s.on_hand), 0)::int AS on_hand, COALESCE(sum(s.reserved), 0)::int AS reserved
         FROM inventory.source_items si
         JOIN inventory.sources o ON o.id = si.source_id
         JOIN inventory.items i ON i.id = si.item_id
         LEFT JOIN inventory.locations l ON l.source_id = o.id
         LEFT JOIN inventory.stock s ON s.location_id = l.id AND s.item_id = si.item_id
        ${where}
        GROUP BY o.id, si.source_id, si.supplier_sku, i.sku
        ORDER BY si.supplier_sku LIMIT $3 OFFSET $4`,
      [sourceCode, supplierSku, limit, offset],
    );
    const { count } = await oneRow<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM inventory.source_items si JOIN inventory.sources o ON o.id = si.source_id ${where}`,
      [sourceCode, supplierSku],
    );
    return { items: found.map(toView), total: count, limit, offset };
  }
}

function toView(row: SourceItemRow): SourceItemView {
  const view: SourceItemView = {
    sourceCode: row.source_code,
    sourceKind: row.kind,
    supplierSku: row.supplier_sku,
    sku: row.sku,
    onHand: row.on_hand,
    reserved: row.reserved,
    available: row.on_hand - row.reserved,
  };
  if (row.feed_as_of) view.feedAsOf = new Date(row.feed_as_of).toISOString();
  return view;
}
