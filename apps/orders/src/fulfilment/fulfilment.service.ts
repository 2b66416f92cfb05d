import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type CreditNotePostedEvent,
  type FulfillStatus,
  type InvoicePostedEvent,
  type LineKind,
  type LinesChangedEvent,
  type OrderLinesShippedEvent,
  OrdersSubjects,
  type OrderType,
  type PaymentRecordedEvent,
  type PickTicketPrintedEvent,
  type PickTicketVoidedEvent,
  type ShipmentShippedEvent,
} from '#contracts';
import { OutboxService, RetryLaterError, rows } from '#platform';
import { moveFulfillStatus } from '../order-lines/line-moves.js';
import { fulfillStatus, lineStatus } from '../order-lines/line-status.machine.js';
import { BackordersService } from './backorders.service.js';
import { billableForShipment, type KitProgress } from './shipment-billing.js';

interface LockedLine {
  id: string;
  quantity: number;
  fulfill_status: FulfillStatus;
  shipped_quantity: number;
  moved_quantity: number;
  kind: LineKind;
}

/** Not shipped yet, and in a fulfill status the table lets into SHIPPED. */
function canBecomeShipped(line: LockedLine): boolean {
  return line.fulfill_status !== 'SHIPPED' && fulfillStatus.canMove(line.fulfill_status, 'SHIPPED');
}

/** Applies what the warehouse and billing report to order lines; each runs inside the consumer's inbox transaction. */
@Injectable()
export class FulfilmentService {
  constructor(
    private readonly backorders: BackordersService,
    private readonly outbox: OutboxService,
  ) {}

  async pickTicketPrinted(em: EntityManager, event: PickTicketPrintedEvent): Promise<void> {
    const lines = await this.lock(
      em,
      event.lines.map((l) => l.orderLineId),
    );
    await em.query(
      `INSERT INTO orders.order_tickets (pick_ticket_id, order_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [event.pickTicketId, event.orderId],
    );
    // A later ticket for the rest of a line finds it in the shipping process already.
    await moveFulfillStatus(
      em,
      lines.filter((l) => l.fulfill_status === 'NOT_FULFILLED'),
      'PACKING_SLIP_PRINTED',
    );
    // A kit is in the shipping process once any of its components is (a kit already further along stays).
    await em.query(
      `UPDATE orders.order_lines SET fulfill_status = 'PACKING_SLIP_PRINTED'
        WHERE fulfill_status = ANY($2::text[]) AND id IN (SELECT parent_line_id FROM orders.order_lines WHERE id = ANY($1::uuid[]))`,
      [event.lines.map((l) => l.orderLineId), fulfillStatus.into('PACKING_SLIP_PRINTED', ['NOT_FULFILLED'])],
    );
  }

  /**
   * Applies a shipment to its lines and their kits, then says in `lines shipped` what it makes
   * billable: orders alone decides when a kit is complete, and billing invoices what it is told.
   */
  async shipmentShipped(em: EntityManager, event: ShipmentShippedEvent): Promise<void> {
    // The kits of the shipped components are locked with them, so two shipments of one kit's
    // components count its completed kits one after the other, never both from the same start.
    const locked = await this.lock(
      em,
      event.lines.map((l) => l.orderLineId),
      { withKits: true },
    );
    const lines = new Map(locked.map((l) => [l.id, l]));
    const complete: LockedLine[] = [];
    for (const shipped of event.lines) {
      const line = lines.get(shipped.orderLineId)!;
      const total = line.shipped_quantity + shipped.quantity;
      // What left the dock is recorded on every line. A line whose standing order was terminated
      // after it was packed keeps its status (the table has no way from there to SHIPPED); failing
      // here would retry the whole shipment until it dead-letters and leave its other lines unshipped.
      if (total >= line.quantity - line.moved_quantity && canBecomeShipped(line)) complete.push(line);
      await em.query(`UPDATE orders.order_lines SET shipped_quantity = $2 WHERE id = $1`, [line.id, total]);
    }
    await moveFulfillStatus(em, complete, 'SHIPPED');
    const kits = await this.followKits(em, locked);
    await this.announceShipped(em, event, kits);
    // The shipment closes its pick ticket (a ticket whose printed event is still on its way is recorded closed).
    if (event.pickTicketId) {
      await em.query(
        `INSERT INTO orders.order_tickets (pick_ticket_id, order_id, open) VALUES ($1, $2, false)
         ON CONFLICT (pick_ticket_id) DO UPDATE SET open = false`,
        [event.pickTicketId, event.orderId],
      );
    }
    await this.backorders.moveRemainder(em, event.orderId);
  }

  /**
   * A voided ticket will never ship: the order stops waiting for it, so the unfilled rest of a
   * partly shipped order can move to its Backorder (a ticket whose printed event is still on its
   * way is recorded closed).
   */
  async pickTicketVoided(em: EntityManager, event: PickTicketVoidedEvent): Promise<void> {
    await em.query(
      `INSERT INTO orders.order_tickets (pick_ticket_id, order_id, open) VALUES ($1, $2, false)
       ON CONFLICT (pick_ticket_id) DO UPDATE SET open = false`,
      [event.pickTicketId, event.orderId],
    );
    await this.backorders.moveRemainder(em, event.orderId);
  }

  async invoicePosted(em: EntityManager, event: InvoicePostedEvent): Promise<void> {
    await this.lock(
      em,
      event.lines.map((l) => l.orderLineId),
    );
    const inserted = await rows(
      em,
      `INSERT INTO orders.order_invoices (invoice_id, order_id, number, total_minor, posted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (invoice_id) DO NOTHING RETURNING invoice_id`,
      [event.invoiceId, event.orderId, event.number, event.totalMinor, event.postedAt],
    );
    if (inserted.length === 0) return;
    for (const line of event.lines) {
      await em.query(`UPDATE orders.order_lines SET invoiced_quantity = invoiced_quantity + $2 WHERE id = $1`, [
        line.orderLineId,
        line.quantity,
      ]);
    }
    await this.backorders.moveRemainder(em, event.orderId);
  }

  /**
   * A kit has shipped as many units as its least-shipped component allows; all of them:
   * SHIPPED. Answers, for each kit of the shipped components, how many had shipped before and
   * how many have now (the kit lines were locked and read before the components changed).
   */
  private async followKits(em: EntityManager, locked: LockedLine[]): Promise<KitProgress[]> {
    const kits = locked.filter((l) => l.kind === 'KIT');
    if (kits.length === 0) return [];
    const counted = await rows<{ id: string; kits: number }>(
      em,
      `SELECT c.parent_line_id AS id, min(floor(c.shipped_quantity::numeric * p.quantity / c.quantity))::int AS kits
         FROM orders.order_lines c JOIN orders.order_lines p ON p.id = c.parent_line_id
        WHERE c.parent_line_id = ANY($1::uuid[])
        GROUP BY c.parent_line_id`,
      [kits.map((k) => k.id)],
    );
    const now = new Map(counted.map((k) => [k.id, k.kits]));
    await em.query(
      `UPDATE orders.order_lines k SET shipped_quantity = s.kits FROM unnest($1::uuid[], $2::int[]) AS s(id, kits) WHERE k.id = s.id`,
      [counted.map((k) => k.id), counted.map((k) => k.kits)],
    );
    const progress = kits.map((k) => ({
      kitLineId: k.id,
      before: k.shipped_quantity,
      after: now.get(k.id) ?? k.shipped_quantity,
    }));
    await moveFulfillStatus(
      em,
      kits.filter((k) => (now.get(k.id) ?? 0) >= k.quantity && canBecomeShipped(k)),
      'SHIPPED',
    );
    return progress;
  }

  /** `lines shipped`, with what the shipment makes billable (see {@link billableForShipment}). */
  private async announceShipped(em: EntityManager, event: ShipmentShippedEvent, kits: KitProgress[]): Promise<void> {
    const [order] = await rows<{ type: OrderType; prepaid: boolean }>(
      em,
      `SELECT type, prepaid FROM orders.orders WHERE id = $1`,
      [event.orderId],
    );
    const shipped = event.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity }));
    const announced: OrderLinesShippedEvent = {
      orderId: event.orderId,
      orderNumber: event.orderNumber,
      shipmentId: event.shipmentId,
      shipmentNumber: event.shipmentNumber,
      lines: shipped,
      billable: billableForShipment(order, shipped, kits),
    };
    await this.outbox.add(em, OrdersSubjects.linesShipped, announced);
  }

  /** A return is credited: its lines are settled and the Return closes. */
  async creditNotePosted(em: EntityManager, event: CreditNotePostedEvent): Promise<void> {
    await em.query(`UPDATE orders.order_lines SET invoiced_quantity = quantity WHERE order_id = $1`, [event.returnId]);
  }

  async paymentRecorded(em: EntityManager, event: PaymentRecordedEvent): Promise<void> {
    const updated = await rows(
      em,
      `UPDATE orders.order_invoices SET paid_minor = total_minor - $2 WHERE invoice_id = $1 RETURNING invoice_id`,
      [event.invoiceId, event.invoiceOpenMinor],
    );
    if (updated.length === 0) throw new RetryLaterError(`invoice ${event.invoiceId} is not known to orders yet`);
    if (event.invoiceStatus === 'PAID') await this.activatePaidProforma(em, event.orderId);
  }

  /** A prepaid order paid in full: its PROFORMA lines become ACTIVE (a partial payment leaves them PROFORMA), and the warehouse may pick them. */
  private async activatePaidProforma(em: EntityManager, orderId: string): Promise<void> {
    const [order] = await rows<{ number: string; prepaid: boolean; open_minor: string }>(
      em,
      `SELECT o.number, o.prepaid, (SELECT coalesce(sum(total_minor - paid_minor), 0) FROM orders.order_invoices i WHERE i.order_id = o.id) AS open_minor
         FROM orders.orders o WHERE o.id = $1 FOR UPDATE`,
      [orderId],
    );
    if (!order?.prepaid || Number(order.open_minor) > 0) return;
    // "When FULL payment is made: changes from PROFORMA to ACTIVE"; lines in any other status stay as they are.
    const activated = await rows<{ id: string; sku: string; quantity: number }>(
      em,
      `UPDATE orders.order_lines SET line_status = 'ACTIVE' WHERE order_id = $1 AND line_status = ANY($2::text[])
       RETURNING id, sku, quantity`,
      [orderId, lineStatus.into('ACTIVE', ['PROFORMA'])],
    );
    if (activated.length === 0) return;
    const event: LinesChangedEvent = {
      orderId,
      orderNumber: order.number,
      action: 'ACTIVATED',
      lines: activated.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })),
    };
    await this.outbox.add(em, OrdersSubjects.linesChanged, event);
  }

  /**
   * Locks the lines in id order (every consumer does, so two never wait on each other); with
   * `withKits`, the kit lines of any components among them too, in the same order.
   */
  private async lock(
    em: EntityManager,
    lineIds: string[],
    options: { withKits?: boolean } = {},
  ): Promise<LockedLine[]> {
    const unique = [...new Set(lineIds)];
    const kits = options.withKits
      ? `OR id IN (SELECT parent_line_id FROM orders.order_lines WHERE id = ANY($1::uuid[]) AND parent_line_id IS NOT NULL)`
      : '';
    const found = await rows<LockedLine>(
      em,
      `SELECT id, quantity, fulfill_status, shipped_quantity, moved_quantity, kind FROM orders.order_lines
        WHERE id = ANY($1::uuid[]) ${kits} ORDER BY id FOR UPDATE`,
      [unique],
    );
    if (found.filter((l) => unique.includes(l.id)).length !== unique.length)
      throw new RetryLaterError(`order lines ${unique.join(', ')} are not all known yet`);
    return found;
  }
}
