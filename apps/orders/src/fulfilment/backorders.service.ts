import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type FulfillStatus,
  type OrderBackorderedEvent,
  type OrderPlacedEvent,
  OrdersSubjects,
  type OrderType,
  orderTypeRule,
  ppmToPercent,
  taxOnMinor,
  typesWhere,
} from '#contracts';
import { OutboxService, rows } from '#platform';
import { moveFulfillStatus } from '../order-lines/line-moves.js';
import { orderPlacedEvent } from '../orders/order-placed.event.js';
import { type NewLine, OrderWriter } from '../orders/order-writer.js';

interface OrderRow {
  id: string;
  number: string;
  type: OrderType;
  customer_id: string;
  currency: string;
  ship_from_location: string | null;
  ship_to_address_id: string | null;
  priority: number;
  prepaid: boolean;
  root_id: string;
  root_date: Date;
}

interface RemainingLine {
  id: string;
  fulfill_status: FulfillStatus;
  shipped_quantity: number;
  sku: string;
  unit_price_minor: string;
  price_id: string;
  quoted_unit_price_minor: string | null;
  remaining: number;
  still_reserved: number;
  tax_ppm: number | null;
}

/**
 * Automatic Backorders: once a non-prepaid order of a type that backorders its rest (an
 * Order or a Backorder) has been partly fulfilled and what shipped is invoiced, with no pick
 * ticket still out, its unfilled
 * remainder moves to a new Backorder with its own number, the original order's date and a
 * Ref Order ID to the original. A partly filled Backorder makes another, each pointing to the
 * original. Called after every shipment and every invoice; whichever comes last does it.
 * Kits stay on their order until complete (their components ship as their own lines).
 */
@Injectable()
export class BackordersService {
  constructor(
    private readonly writer: OrderWriter,
    private readonly outbox: OutboxService,
  ) {}

  async moveRemainder(em: EntityManager, orderId: string): Promise<void> {
    const [order] = await rows<OrderRow>(
      em,
      `SELECT o.id, o.number, o.type, o.customer_id, o.currency, o.ship_from_location, o.ship_to_address_id, o.priority, o.prepaid,
              coalesce(r.id, o.id) AS root_id, coalesce(r.order_date, o.order_date) AS root_date
         FROM orders.orders o LEFT JOIN orders.orders r ON o.type = ANY($2::text[]) AND r.id = o.ref_order_id
        WHERE o.id = $1 FOR UPDATE OF o`,
      // A Backorder's Ref Order ID is the original order of the chain, and the new Backorder refers to that one too.
      [orderId, typesWhere('carriesRestOfOriginal')],
    );
    if (!order || !orderTypeRule(order.type).backordersRest || order.prepaid) return;
    if (!(await this.readyToSplit(em, orderId))) return;
    const remaining = await rows<RemainingLine>(
      em,
      `SELECT id, fulfill_status, shipped_quantity, sku, unit_price_minor, price_id, quoted_unit_price_minor, tax_ppm,
              quantity - shipped_quantity - moved_quantity AS remaining,
              GREATEST(reserved_quantity - shipped_quantity, 0) AS still_reserved
         FROM orders.order_lines
        WHERE order_id = $1 AND kind = 'ITEM' AND line_status IN ('ACTIVE', 'BACK_ORDERED', 'PROFORMA')
          AND fulfill_status IN ('NOT_FULFILLED', 'PACKING_SLIP_PRINTED') AND quantity - shipped_quantity - moved_quantity > 0
        ORDER BY line_no`,
      [orderId],
    );
    if (remaining.length === 0) return;
    await this.createBackorder(em, order, remaining);
  }

  /** Something shipped, everything shipped is invoiced, and no pick ticket of the order is still out. */
  private async readyToSplit(em: EntityManager, orderId: string): Promise<boolean> {
    const [state] = await rows<{ shipped: number; uninvoiced: number; open_tickets: number }>(
      em,
      `SELECT coalesce(sum(shipped_quantity), 0)::int AS shipped,
              coalesce(sum(GREATEST(shipped_quantity - invoiced_quantity, 0)), 0)::int AS uninvoiced,
              (SELECT count(*)::int FROM orders.order_tickets t WHERE t.order_id = $1 AND t.open) AS open_tickets
         FROM orders.order_lines WHERE order_id = $1`,
      [orderId],
    );
    return state.shipped > 0 && state.uninvoiced === 0 && state.open_tickets === 0;
  }

  private async createBackorder(em: EntityManager, order: OrderRow, remaining: RemainingLine[]): Promise<void> {
    const id = randomUUID();
    const header = {
      id,
      type: 'BACKORDER' as const,
      customerId: order.customer_id,
      currency: order.currency.trim() as OrderPlacedEvent['currency'],
      shipFromLocation: order.ship_from_location ?? undefined,
      shipToAddressId: order.ship_to_address_id ?? undefined,
      prepaid: false,
      priority: order.priority,
      refOrderId: order.root_id,
      orderDate: new Date(order.root_date).toISOString(),
    };
    const lines: NewLine[] = remaining.map((line, index) => ({
      id: randomUUID(),
      lineNo: index + 1,
      sku: line.sku,
      quantity: line.remaining,
      unitPriceMinor: Number(line.unit_price_minor),
      priceId: line.price_id,
      lineStatus: Math.min(line.still_reserved, line.remaining) > 0 ? 'ACTIVE' : 'BACK_ORDERED',
      fulfillStatus: 'NOT_FULFILLED',
      reserved: Math.min(line.still_reserved, line.remaining),
      backordered: line.remaining - Math.min(line.still_reserved, line.remaining),
      allocations: [],
      quotedUnitPriceMinor: line.quoted_unit_price_minor === null ? undefined : Number(line.quoted_unit_price_minor),
      refLineId: line.id,
      // The rest keeps its tax rate; the original's freight and charges stay with the original.
      ...(line.tax_ppm === null
        ? {}
        : {
            taxPercent: ppmToPercent(line.tax_ppm),
            taxMinor: taxOnMinor(line.remaining * Number(line.unit_price_minor), line.tax_ppm),
          }),
    }));
    const { number, orderDate } = await this.writer.insert(em, header, lines);
    await em.query(
      `UPDATE orders.order_lines l SET moved_quantity = l.moved_quantity + m.qty
         FROM unnest($1::uuid[], $2::int[]) AS m(id, qty) WHERE l.id = m.id`,
      [remaining.map((l) => l.id), remaining.map((l) => l.remaining)],
    );
    // The rest of a line that shipped in part moved to the Backorder: what is left of it here has shipped.
    await moveFulfillStatus(
      em,
      remaining.filter((l) => l.shipped_quantity > 0),
      'SHIPPED',
    );
    // Stock and pick demand move from the original lines (see `order backordered`), so none is allocated anew here.
    await this.outbox.add(em, OrdersSubjects.orderPlaced, orderPlacedEvent(header, number, orderDate, lines));
    const moved: OrderBackorderedEvent = {
      originalOrderId: order.root_id,
      fromOrderId: order.id,
      backorderId: id,
      backorderNumber: number,
      lines: lines.map((l) => ({ fromLineId: l.refLineId!, lineId: l.id, sku: l.sku, quantity: l.quantity })),
    };
    await this.outbox.add(em, OrdersSubjects.orderBackordered, moved);
  }
}
