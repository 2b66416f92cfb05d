import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BillingSubjects,
  type FulfillStatus,
  type LineStatus,
  InventorySubjects,
  type OrderReopenedEvent,
  OrdersSubjects,
  orderTypeRule,
  type OrderView,
  typesWhere,
  type ReserveStockReply,
} from '#contracts';
import {
  auditActorOf,
  currentContext,
  DomainError,
  OutboxService,
  rows,
  SERVICE_CONFIG,
  ServiceClient,
} from '#platform';
import type { OrdersConfig } from '../config.js';
import { moveFulfillStatus, moveLineStatus } from '../order-lines/line-moves.js';
import { fulfillStatusOnReopen } from '../order-lines/line-status.machine.js';
import { OrderReader } from '../orders/order-reader.js';

type ReservedLine = ReserveStockReply['lines'][number];

/**
 * Re-open: once something on an order was processed (picked, shipped,
 * invoiced or paid) it cannot be cancelled; re-opening instead reverses its payments and
 * invoices through billing and its stock movements and reservations through inventory,
 * then leaves the order as it was entered, its stock reserved again. The reversal is a
 * record (GET /orders/:id/reversals); nothing is deleted.
 */
@Injectable()
export class OrderReopenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: OrderReader,
    private readonly services: ServiceClient,
    private readonly outbox: OutboxService,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async reopen(orderId: string, reason = 'Order re-opened'): Promise<OrderView> {
    const before = await this.reader.get(orderId);
    this.assertReopenable(before);
    const timeoutMs = this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS;
    const lines = before.lines.filter((l) => l.kind !== 'CHARGE' && l.lineStatus !== 'CANCELLED');
    // Each step is idempotent, so a re-open that fails half-way can simply be asked for again.
    const billing = await this.services.request(BillingSubjects.reverseOrder, { orderId, reason }, { timeoutMs });
    const stock = await this.services.request(
      InventorySubjects.reverseOrder,
      { orderId, lineIds: lines.map((l) => l.id), reason },
      { timeoutMs },
    );
    const reserved = await this.services.request(
      InventorySubjects.reserve,
      {
        orderId,
        lines: lines.map((l) => ({
          lineId: l.id,
          sku: l.sku,
          quantity: l.quantity,
          locationCode: before.shipFromLocation,
        })),
      },
      { timeoutMs },
    );
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO orders.order_reversals (order_id, reason, actor, before, billing, inventory) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          orderId,
          reason,
          auditActorOf(currentContext()?.caller),
          JSON.stringify(snapshot(before)),
          JSON.stringify(billing),
          JSON.stringify(stock),
        ],
      );
      await em.query(`UPDATE orders.order_invoices SET voided_at = coalesce(voided_at, now()) WHERE order_id = $1`, [
        orderId,
      ]);
      await em.query(`UPDATE orders.order_tickets SET open = false WHERE order_id = $1`, [orderId]);
      await this.resetLines(
        em,
        reserved.lines,
        orderTypeRule(before.type).handedOverAtEntry ? 'PRE_SHIPPED' : 'NOT_FULFILLED',
      );
      const event: OrderReopenedEvent = {
        orderId,
        orderNumber: before.number,
        orderDate: before.orderDate,
        lines: reserved.lines.map((l) => ({
          lineId: l.lineId,
          sku: l.sku,
          quantity: l.requested,
          allocations: l.allocations,
        })),
      };
      await this.outbox.add(em, OrdersSubjects.orderReopened, event);
    });
    return this.reader.get(orderId);
  }

  /**
   * Leaves each line as it was entered, its stock reserved again: shipped and invoiced
   * quantities go, its fulfill status goes back through the re-open table, and its line
   * status follows the new reservation (a held or proforma line stays so).
   */
  private async resetLines(em: EntityManager, reserved: ReservedLine[], entered: FulfillStatus): Promise<void> {
    const locked = await rows<{ id: string; line_status: LineStatus; fulfill_status: FulfillStatus }>(
      em,
      `SELECT id, line_status, fulfill_status FROM orders.order_lines WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [reserved.map((l) => l.lineId)],
    );
    const byId = new Map(locked.map((l) => [l.id, l]));
    for (const line of reserved) {
      await em.query(
        `UPDATE orders.order_lines SET shipped_quantity = 0, invoiced_quantity = 0, reserved_quantity = $2, backordered_quantity = $3,
                allocations = $4
          WHERE id = $1`,
        [line.lineId, line.reserved, line.backordered, JSON.stringify(line.allocations)],
      );
      const row = byId.get(line.lineId)!;
      if (row.fulfill_status !== entered) await moveFulfillStatus(em, [row], entered, fulfillStatusOnReopen);
      if (row.line_status === 'HELD' || row.line_status === 'PROFORMA') continue;
      const status = line.reserved > 0 ? 'ACTIVE' : 'BACK_ORDERED';
      if (row.line_status !== status) await moveLineStatus(em, [row], status);
    }
  }

  async reversals(orderId: string): Promise<unknown[]> {
    await this.reader.get(orderId);
    return rows(
      this.dataSource,
      `SELECT id, reason, actor, before, billing, inventory, created_at AS "createdAt" FROM orders.order_reversals WHERE order_id = $1 ORDER BY created_at`,
      [orderId],
    );
  }

  private assertReopenable(order: OrderView): void {
    if (!orderTypeRule(order.type).reopenable)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `${order.number} is a ${order.type}; only ${typesWhere('reopenable').join(', ')} orders can be re-opened`,
      );
    const processed =
      order.invoicedMinor > 0 ||
      order.lines.some(
        (l) => l.shippedQuantity > 0 || l.invoicedQuantity > 0 || !['NOT_FULFILLED'].includes(l.fulfillStatus),
      );
    if (!processed || order.status === 'CANCELLED') {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Nothing on ${order.number} was processed; cancel it instead of re-opening`,
      );
    }
    const child = order.references.children[0];
    if (child)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `${order.number} has a ${child.type} (${child.number}); it cannot be re-opened`,
        { child },
      );
  }
}

function snapshot(order: OrderView) {
  return {
    status: order.status,
    invoicedMinor: order.invoicedMinor,
    paidMinor: order.paidMinor,
    lines: order.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      lineStatus: l.lineStatus,
      fulfillStatus: l.fulfillStatus,
      shipped: l.shippedQuantity,
      invoiced: l.invoicedQuantity,
    })),
  };
}
