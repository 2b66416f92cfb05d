import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type AddLineRequest,
  type Currency,
  InventorySubjects,
  type LineEditReply,
  type LinesAddedEvent,
  type LinesChangedEvent,
  type LinesEditedEvent,
  OrdersSubjects,
  type OrderType,
  orderTypeRule,
  PricingSubjects,
} from '#contracts';
import { DomainError, OutboxService, rows, SERVICE_CONFIG, ServiceClient } from '#platform';
import type { OrdersConfig } from '../config.js';
import { OrderWriter } from '../orders/order-writer.js';
import { assertUnprocessed, lockLine, type LockedLine } from './line-actions.service.js';
import { moveLineStatus } from './line-moves.js';
import { LineViews } from './line-views.js';

/** What an edit did to one line, as `lines changed` reports it. */
type LineEdit =
  | ({ action: 'CHANGED' } & Omit<LinesEditedEvent['lines'][number], 'lineId' | 'sku'>)
  | ({ action: 'ADDED' } & Omit<LinesAddedEvent['lines'][number], 'lineId' | 'sku'>)
  | { action: 'REMOVED'; quantity: number };

/** An edited line's reservation follows it, on a type that reserves stock (a quote's or a template's holds none). */
const stocked = (type: OrderType) => orderTypeRule(type).reservesStock;

/**
 * Editing an order until its lines are picked: change a quantity, add or remove a line.
 * Prices follow (the line is priced again: quantity breaks may change its unit price) and
 * so do reservations (released and reserved again under the line's id, in one inventory transaction). The reply carries
 * the changed line and the order's totals, not the whole order, so the cost of an edit does
 * not grow with the number of lines.
 */
@Injectable()
export class LineEditingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServiceClient,
    private readonly outbox: OutboxService,
    private readonly writer: OrderWriter,
    private readonly views: LineViews,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async changeQuantity(orderId: string, lineId: string, quantity: number): Promise<LineEditReply> {
    const line = await this.editableLine(orderId, lineId);
    if (line.quantity === quantity) return this.views.reply(this.dataSource, orderId, lineId);
    const price = await this.price(orderId, line.sku, lineId, quantity);
    const stock = stocked(line.order_type) ? await this.rereserve(orderId, lineId, line.sku, quantity) : undefined;
    return this.dataSource.transaction(async (em) => {
      const locked = await lockLine(em, orderId, lineId);
      assertUnprocessed(locked);
      const reserved = stock?.reserved ?? 0;
      await em.query(
        `UPDATE orders.order_lines SET quantity = $2, unit_price_minor = $3, price_id = $4, reserved_quantity = $5, backordered_quantity = $6,
                allocations = $7
          WHERE id = $1`,
        [
          lineId,
          quantity,
          price.unitPriceMinor,
          price.priceId,
          reserved,
          stock?.backordered ?? 0,
          JSON.stringify(stock?.allocations ?? []),
        ],
      );
      // A stocked line reserved anew is Active while it holds stock and Back-ordered while it holds none.
      if (stock && (locked.line_status === 'ACTIVE' || locked.line_status === 'BACK_ORDERED')) {
        const to = reserved > 0 ? 'ACTIVE' : 'BACK_ORDERED';
        if (to !== locked.line_status) await moveLineStatus(em, [locked], to);
      }
      if (stock)
        await this.announce(em, locked, {
          action: 'CHANGED',
          quantity,
          unitPriceMinor: price.unitPriceMinor,
          allocations: stock.allocations,
        });
      return this.views.reply(em, orderId, lineId);
    });
  }

  async addLine(request: AddLineRequest): Promise<LineEditReply> {
    const [order] = await rows<{
      type: OrderType;
      number: string;
      ship_from_location: string | null;
      cancelled_at: Date | null;
    }>(this.dataSource, `SELECT type, number, ship_from_location, cancelled_at FROM orders.orders WHERE id = $1`, [
      request.orderId,
    ]);
    if (!order)
      throw new DomainError('ORDER_NOT_FOUND', `No order with id ${request.orderId}`, { id: request.orderId });
    if (!orderTypeRule(order.type).editable || order.cancelled_at)
      throw new DomainError('ILLEGAL_TRANSITION', `Lines cannot be added to ${order.number} (${order.type})`);
    const lineId = randomUUID();
    const price = await this.price(request.orderId, request.sku, lineId, request.quantity);
    const location = request.shipFromLocation ?? order.ship_from_location ?? undefined;
    const stock = stocked(order.type)
      ? await this.reserve(request.orderId, lineId, request.sku, request.quantity, location)
      : undefined;
    try {
      return await this.dataSource.transaction(async (em) => {
        const [{ next }] = await rows<{ next: number }>(
          em,
          `SELECT coalesce(max(line_no), 0) + 1 AS next FROM orders.order_lines WHERE order_id = $1`,
          [request.orderId],
        );
        await this.writer.insertLines(em, request.orderId, [
          {
            id: lineId,
            lineNo: next,
            sku: request.sku,
            quantity: request.quantity,
            unitPriceMinor: price.unitPriceMinor,
            priceId: price.priceId,
            lineStatus: !stock
              ? 'PROFORMA'
              : stock.reserved > 0
                ? this.config.ORDERS_DEFAULT_LINE_STATUS
                : 'BACK_ORDERED',
            fulfillStatus: 'NOT_FULFILLED',
            reserved: stock?.reserved ?? 0,
            backordered: stock?.backordered ?? 0,
            allocations: stock?.allocations ?? [],
            shipFeeMinor: request.shipFeeMinor,
          },
        ]);
        if (stock) {
          const locked = await lockLine(em, request.orderId, lineId);
          await this.announce(em, locked, {
            action: 'ADDED',
            quantity: request.quantity,
            unitPriceMinor: price.unitPriceMinor,
            allocations: stock.allocations,
            lineNo: next,
          });
        }
        return this.views.reply(em, request.orderId, lineId);
      });
    } catch (error) {
      if (stock)
        await this.services
          .request(InventorySubjects.release, { orderId: request.orderId, lineIds: [lineId] })
          .catch(() => undefined);
      throw error;
    }
  }

  async removeLine(orderId: string, lineId: string): Promise<LineEditReply> {
    const line = await this.editableLine(orderId, lineId);
    const reply = await this.dataSource.transaction(async (em) => {
      const locked = await lockLine(em, orderId, lineId);
      assertUnprocessed(locked);
      const [{ count }] = await rows<{ count: number }>(
        em,
        `SELECT count(*)::int AS count FROM orders.order_lines WHERE order_id = $1 AND kind <> 'COMPONENT'`,
        [orderId],
      );
      if (count <= 1)
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          `Line ${lineId} is the last line of ${locked.order_number}; cancel the order instead`,
        );
      await em.query(`DELETE FROM orders.order_lines WHERE parent_line_id = $1`, [lineId]);
      await em.query(`DELETE FROM orders.order_lines WHERE id = $1`, [lineId]);
      if (stocked(line.order_type)) await this.announce(em, locked, { action: 'REMOVED', quantity: 0 });
      return this.views.reply(em, orderId);
    });
    if (stocked(line.order_type))
      await this.services.request(InventorySubjects.release, { orderId, lineIds: [lineId] });
    return reply;
  }

  private async editableLine(orderId: string, lineId: string): Promise<LockedLine> {
    const line = await this.dataSource.transaction((em) => lockLine(em, orderId, lineId));
    if (!orderTypeRule(line.order_type).editable)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Lines of ${line.order_number} (${line.order_type}) cannot be edited`,
      );
    assertUnprocessed(line);
    // A cancelled (or returned) line is closed: editing it would reserve stock for a line nobody ships.
    if (line.line_status === 'CANCELLED' || line.line_status === 'RETURNED')
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Line ${line.id} of ${line.order_number} is ${line.line_status}; a closed line cannot be edited`,
        { lineId: line.id, lineStatus: line.line_status, fulfillStatus: line.fulfill_status },
      );
    return line;
  }

  private async price(orderId: string, sku: string, lineId: string, quantity: number) {
    const [order] = await rows<{ currency: Currency; customer_id: string }>(
      this.dataSource,
      `SELECT currency, customer_id FROM orders.orders WHERE id = $1`,
      [orderId],
    );
    const reply = await this.services.request(
      PricingSubjects.priceOrder,
      { currency: order.currency, customerId: order.customer_id, lines: [{ lineId, sku, quantity }] },
      { timeoutMs: this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS },
    );
    return reply.lines[0];
  }

  /** Inventory releases and reserves the line again in one transaction, so no one else can take its stock in between. */
  private async rereserve(orderId: string, lineId: string, sku: string, quantity: number) {
    const [line] = await rows<{ location: string | null }>(
      this.dataSource,
      `SELECT ship_from_location AS location FROM orders.orders WHERE id = $1`,
      [orderId],
    );
    const reply = await this.services.request(
      InventorySubjects.resize,
      { orderId, lines: [{ lineId, sku, quantity, locationCode: line.location ?? undefined }] },
      { timeoutMs: this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS },
    );
    return reply.lines[0];
  }

  private async reserve(orderId: string, lineId: string, sku: string, quantity: number, locationCode?: string) {
    const reply = await this.services.request(
      InventorySubjects.reserve,
      { orderId, lines: [{ lineId, sku, quantity, locationCode }] },
      { timeoutMs: this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS },
    );
    return reply.lines[0];
  }

  /** Tells inventory, warehouse and billing what an edit did; only edits and additions carry price and allocations. */
  private async announce(em: EntityManager, line: LockedLine, edit: LineEdit): Promise<void> {
    const [order] = await rows<{ order_date: Date }>(em, `SELECT order_date FROM orders.orders WHERE id = $1`, [
      line.order_id,
    ]);
    const base = {
      orderId: line.order_id,
      orderNumber: line.order_number,
      orderDate: new Date(order.order_date).toISOString(),
    };
    const changed = { lineId: line.id, sku: line.sku };
    let event: LinesChangedEvent;
    if (edit.action === 'REMOVED') {
      event = { ...base, action: edit.action, lines: [{ ...changed, quantity: edit.quantity }] };
    } else if (edit.action === 'ADDED') {
      const { action, ...detail } = edit;
      event = { ...base, action, lines: [{ ...changed, ...detail }] };
    } else {
      const { action, ...detail } = edit;
      event = { ...base, action, lines: [{ ...changed, ...detail }] };
    }
    await this.outbox.add(em, OrdersSubjects.linesChanged, event);
  }
}
