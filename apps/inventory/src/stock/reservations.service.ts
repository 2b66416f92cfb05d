import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  Allocation,
  ReleaseStockReply,
  ReleaseStockRequest,
  ReserveLine,
  ReserveStockReply,
  ReserveStockRequest,
  ReservedLineView,
  ShipmentShippedEvent,
} from '#contracts';
import { DomainError, rows } from '#platform';
import { type Movement, recordMovements } from './stock-movements.js';

interface Candidate {
  location_id: string;
  code: string;
}

/**
 * Reserves, releases and consumes stock. Every change to inventory.stock is one
 * conditional UPDATE; lines are handled in item order and locations in priority order,
 * so concurrent multi-line orders take row locks in the same order and cannot deadlock.
 */
@Injectable()
export class ReservationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reserve(request: ReserveStockRequest): Promise<ReserveStockReply> {
    return this.dataSource.transaction(async (em) => {
      const items = await this.itemIds(em, request.lines.map((l) => l.sku));
      const done = await this.existing(em, request.lines.map((l) => l.lineId));
      const results = new Map<string, ReservedLineView>();
      const todo = request.lines
        .filter((line) => {
          const previous = done.get(line.lineId);
          if (previous) results.set(line.lineId, { ...previous, sku: line.sku, requested: line.quantity });
          return !previous;
        })
        .sort((a, b) => (items.get(a.sku)! < items.get(b.sku)! ? -1 : items.get(a.sku)! > items.get(b.sku)! ? 1 : 0));
      const movements: Movement[] = [];
      for (const line of todo) {
        results.set(line.lineId, await this.reserveLine(em, request.orderId, line, items.get(line.sku)!, movements));
      }
      await recordMovements(em, movements);
      return { orderId: request.orderId, lines: request.lines.map((l) => results.get(l.lineId)!) };
    });
  }

  private async reserveLine(em: EntityManager, orderId: string, line: ReserveLine, itemId: string, movements: Movement[]): Promise<ReservedLineView> {
    const candidates = await this.candidates(em, itemId, line.locationCode);
    const allocations: Allocation[] = [];
    let missing = line.quantity;
    for (const candidate of candidates) {
      if (missing === 0) break;
      const taken = await rows<{ take: number }>(
        em,
        `UPDATE inventory.stock s SET reserved = s.reserved + t.take
           FROM (SELECT item_id, location_id, LEAST($3::int, on_hand - reserved) AS take
                   FROM inventory.stock WHERE item_id = $1 AND location_id = $2 FOR UPDATE) t
          WHERE s.item_id = t.item_id AND s.location_id = t.location_id AND t.take > 0
          RETURNING t.take`,
        [itemId, candidate.location_id, missing],
      );
      const take = taken[0]?.take ?? 0;
      if (take === 0) continue;
      missing -= take;
      allocations.push({ locationCode: candidate.code, quantity: take });
      await em.query(
        `INSERT INTO inventory.reservations (order_line_id, location_id, order_id, item_id, quantity) VALUES ($1, $2, $3, $4, $5)`,
        [line.lineId, candidate.location_id, orderId, itemId, take],
      );
      movements.push({ itemId, locationId: candidate.location_id, kind: 'RESERVATION', onHandDelta: 0, reservedDelta: take, orderLineId: line.lineId });
    }
    await em.query(`INSERT INTO inventory.backorders (order_line_id, order_id, item_id, quantity) VALUES ($1, $2, $3, $4)`, [
      line.lineId,
      orderId,
      itemId,
      missing,
    ]);
    return { lineId: line.lineId, sku: line.sku, requested: line.quantity, reserved: line.quantity - missing, backordered: missing, allocations };
  }

  private async candidates(em: EntityManager, itemId: string, forcedCode?: string): Promise<Candidate[]> {
    if (forcedCode) {
      const found = await rows<Candidate>(em, `SELECT id AS location_id, code FROM inventory.locations WHERE code = $1`, [forcedCode]);
      if (found.length === 0) throw new DomainError('LOCATION_NOT_FOUND', `No location with code ${forcedCode}`, { locationCode: forcedCode });
      return found;
    }
    return em.query(
      `SELECT l.id AS location_id, l.code FROM inventory.stock s JOIN inventory.locations l ON l.id = s.location_id
        WHERE s.item_id = $1 AND s.on_hand > s.reserved ORDER BY l.priority, l.code`,
      [itemId],
    );
  }

  private async itemIds(em: EntityManager, skus: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(skus)];
    const rows: Array<{ id: string; sku: string }> = await em.query(`SELECT id, sku FROM inventory.items WHERE sku = ANY($1::text[])`, [unique]);
    const map = new Map(rows.map((r) => [r.sku, r.id]));
    const unknown = unique.filter((sku) => !map.has(sku));
    if (unknown.length > 0) throw new DomainError('ITEM_NOT_FOUND', `Unknown SKU: ${unknown.join(', ')}`, { skus: unknown });
    return map;
  }

  /** What earlier identical requests already decided for these lines (reservations are keyed by line). */
  private async existing(em: EntityManager, lineIds: string[]): Promise<Map<string, ReservedLineView>> {
    const rows: Array<{ line_id: string; code: string | null; quantity: number; backordered: number }> = await em.query(
      `SELECT b.order_line_id AS line_id, l.code, r.quantity, b.quantity AS backordered
         FROM inventory.backorders b
         LEFT JOIN inventory.reservations r ON r.order_line_id = b.order_line_id
         LEFT JOIN inventory.locations l ON l.id = r.location_id
        WHERE b.order_line_id = ANY($1::uuid[])`,
      [lineIds],
    );
    const map = new Map<string, ReservedLineView>();
    for (const row of rows) {
      const view = map.get(row.line_id) ?? { lineId: row.line_id, sku: '', requested: 0, reserved: 0, backordered: row.backordered, allocations: [] };
      if (row.code) {
        view.allocations.push({ locationCode: row.code, quantity: row.quantity });
        view.reserved += row.quantity;
      }
      map.set(row.line_id, view);
    }
    return map;
  }

  /** Releases what the order (or some of its lines) holds; releasing twice releases nothing more. */
  async release(request: ReleaseStockRequest): Promise<ReleaseStockReply> {
    return this.dataSource.transaction(async (em) => {
      const lineFilter = request.lineIds ? `AND order_line_id = ANY($2::uuid[])` : '';
      const params = request.lineIds ? [request.orderId, request.lineIds] : [request.orderId];
      const released = await rows<{ order_line_id: string; location_id: string; item_id: string; quantity: number }>(
        em,
        `DELETE FROM inventory.reservations WHERE order_id = $1 ${lineFilter} RETURNING order_line_id, location_id, item_id, quantity`,
        params,
      );
      await em.query(`DELETE FROM inventory.backorders WHERE order_id = $1 ${lineFilter}`, params);
      released.sort((a, b) => (a.item_id + a.location_id < b.item_id + b.location_id ? -1 : 1));
      for (const r of released) {
        await em.query(`UPDATE inventory.stock SET reserved = reserved - $3 WHERE item_id = $1 AND location_id = $2`, [r.item_id, r.location_id, r.quantity]);
      }
      await recordMovements(
        em,
        released.map((r) => ({ itemId: r.item_id, locationId: r.location_id, kind: 'RELEASE', onHandDelta: 0, reservedDelta: -r.quantity, orderLineId: r.order_line_id })),
      );
      return { released: released.reduce((sum, r) => sum + r.quantity, 0) };
    });
  }

  /** Takes shipped goods out of on hand, consuming the lines' reservations at that location. */
  async consumeShipment(em: EntityManager, event: ShipmentShippedEvent): Promise<void> {
    const [location] = await em.query(`SELECT id FROM inventory.locations WHERE code = $1`, [event.locationCode]);
    if (!location) throw new DomainError('LOCATION_NOT_FOUND', `Shipment ${event.shipmentNumber} ships from unknown location ${event.locationCode}`);
    const items = await this.itemIds(em, event.lines.map((l) => l.sku));
    const lines = [...event.lines].sort((a, b) => (items.get(a.sku)! < items.get(b.sku)! ? -1 : 1));
    const movements: Movement[] = [];
    for (const line of lines) {
      const itemId = items.get(line.sku)!;
      // A reservation fully used up is deleted; a larger one is reduced (never to zero).
      const deleted = await rows<{ quantity: number }>(
        em,
        `DELETE FROM inventory.reservations WHERE order_line_id = $1 AND location_id = $2 AND quantity <= $3 RETURNING quantity`,
        [line.orderLineId, location.id, line.quantity],
      );
      const reduced =
        deleted.length > 0
          ? []
          : await rows<{ quantity: number }>(
              em,
              `UPDATE inventory.reservations SET quantity = quantity - $3 WHERE order_line_id = $1 AND location_id = $2 AND quantity > $3
               RETURNING $3::int AS quantity`,
              [line.orderLineId, location.id, line.quantity],
            );
      const fromReserved = deleted[0]?.quantity ?? reduced[0]?.quantity ?? 0;
      const updated = await rows(
        em,
        `UPDATE inventory.stock SET on_hand = on_hand - $3, reserved = reserved - $4 WHERE item_id = $1 AND location_id = $2 RETURNING on_hand`,
        [itemId, location.id, line.quantity, fromReserved],
      );
      if (updated.length === 0) {
        throw new DomainError('QUANTITY_EXCEEDED', `No stock of ${line.sku} at ${event.locationCode} to ship`);
      }
      movements.push({
        itemId,
        locationId: location.id,
        kind: 'SHIPMENT',
        onHandDelta: -line.quantity,
        reservedDelta: -fromReserved,
        orderLineId: line.orderLineId,
        reference: event.shipmentNumber,
      });
    }
    await recordMovements(em, movements);
  }
}
