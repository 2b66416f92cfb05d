import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LedgerEntryView, ListStockRequest, Page, ReceiveStockRequest, StockLevelView } from '#contracts';
import { DomainError } from '#platform';
import { recordMovements } from './stock-movements.js';

@Injectable()
export class StockLevelsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Books received goods into on hand at a location and writes the ledger row. */
  async receive(request: ReceiveStockRequest): Promise<StockLevelView> {
    return this.dataSource.transaction(async (em) => {
      const [item] = await em.query(`SELECT id FROM inventory.items WHERE sku = $1`, [request.sku]);
      if (!item) throw new DomainError('ITEM_NOT_FOUND', `No item with SKU ${request.sku}`, { sku: request.sku });
      const [location] = await em.query(`SELECT id FROM inventory.locations WHERE code = $1`, [request.locationCode]);
      if (!location) {
        throw new DomainError('LOCATION_NOT_FOUND', `No location with code ${request.locationCode}`, { locationCode: request.locationCode });
      }
      const [row] = await em.query(
        `INSERT INTO inventory.stock (item_id, location_id, on_hand) VALUES ($1, $2, $3)
         ON CONFLICT (item_id, location_id) DO UPDATE SET on_hand = inventory.stock.on_hand + EXCLUDED.on_hand
         RETURNING on_hand, reserved`,
        [item.id, location.id, request.quantity],
      );
      await recordMovements(em, [
        { itemId: item.id, locationId: location.id, kind: 'RECEIPT', onHandDelta: request.quantity, reservedDelta: 0, reference: request.reference },
      ]);
      return { sku: request.sku, locationCode: request.locationCode, onHand: row.on_hand, reserved: row.reserved, available: row.on_hand - row.reserved };
    });
  }

  async list(request: ListStockRequest): Promise<Page<StockLevelView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const where = `WHERE ($1::text IS NULL OR i.sku = $1) AND ($2::text IS NULL OR l.code = $2)`;
    const from = `FROM inventory.stock s JOIN inventory.items i ON i.id = s.item_id JOIN inventory.locations l ON l.id = s.location_id`;
    const params = [request.sku ?? null, request.locationCode ?? null];
    const rows = await this.dataSource.query(
      `SELECT i.sku, l.code AS location_code, s.on_hand, s.reserved ${from} ${where} ORDER BY i.sku, l.priority, l.code LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count ${from} ${where}`, params);
    return {
      items: rows.map((r: { sku: string; location_code: string; on_hand: number; reserved: number }) => ({
        sku: r.sku,
        locationCode: r.location_code,
        onHand: r.on_hand,
        reserved: r.reserved,
        available: r.on_hand - r.reserved,
      })),
      total: count,
      limit,
      offset,
    };
  }

  async ledger(request: ListStockRequest): Promise<Page<LedgerEntryView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const from = `FROM inventory.ledger g JOIN inventory.items i ON i.id = g.item_id JOIN inventory.locations l ON l.id = g.location_id
      WHERE ($1::text IS NULL OR i.sku = $1) AND ($2::text IS NULL OR l.code = $2)`;
    const params = [request.sku ?? null, request.locationCode ?? null];
    const rows = await this.dataSource.query(
      `SELECT g.id, i.sku, l.code AS location_code, g.kind, g.on_hand_delta, g.reserved_delta, g.reference, g.order_line_id, g.actor, g.created_at
       ${from} ORDER BY g.id LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count ${from}`, params);
    return {
      items: rows.map((r: Record<string, never>) => ({
        id: String(r.id),
        sku: r.sku,
        locationCode: r.location_code,
        kind: r.kind,
        onHandDelta: r.on_hand_delta,
        reservedDelta: r.reserved_delta,
        reference: r.reference ?? r.order_line_id ?? undefined,
        actor: r.actor,
        createdAt: new Date(r.created_at).toISOString(),
      })),
      total: count,
      limit,
      offset,
    };
  }
}
