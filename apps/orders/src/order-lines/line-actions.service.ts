import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type FulfillStatus,
  type LineActionReply,
  type LineChangeAction,
  type LinesChangedEvent,
  type LineStatus,
  OrdersSubjects,
  type OrderType,
  orderTypeRule,
  type PreShipRequest,
} from '#contracts';
import { DomainError, OutboxService, rows } from '#platform';
import { OrderReader } from '../orders/order-reader.js';
import { StockRelease } from '../orders/stock-release.js';
import { moveFulfillStatus, moveLineStatus } from './line-moves.js';
import {
  fulfillStatus,
  fulfillStatusesThatMayHold,
  lineStatus,
  lineStatusesThatMayPreShip,
  lineSubject,
} from './line-status.machine.js';

export interface LockedLine {
  id: string;
  order_id: string;
  order_number: string;
  order_type: OrderType;
  sku: string;
  quantity: number;
  line_status: LineStatus;
  fulfill_status: FulfillStatus;
  shipped_quantity: number;
  invoiced_quantity: number;
  moved_quantity: number;
  ship_fee_minor: string;
}

/**
 * What a person does to one order line: hold and make active, pre-ship,
 * cancel, terminate a standing order. Each move goes through the transition tables and is
 * announced to the other services in the same transaction.
 */
@Injectable()
export class LineActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly reader: OrderReader,
    private readonly release: StockRelease,
  ) {}

  /** Only an Active line that is not fulfilled can be held. */
  hold(orderId: string, lineId: string): Promise<LineActionReply> {
    return this.act(orderId, lineId, async (em, line) => {
      if (!fulfillStatusesThatMayHold.includes(line.fulfill_status)) {
        throw illegal(
          line,
          `hold a line whose fulfill status is ${line.fulfill_status} (only NOT_FULFILLED lines can be held)`,
        );
      }
      if (!lineStatus.canMove(line.line_status, 'HELD')) throw illegal(line, 'hold a line that is not ACTIVE');
      await moveLineStatus(em, [line], 'HELD');
      return this.announce(em, line, 'HELD', remaining(line));
    });
  }

  makeActive(orderId: string, lineId: string): Promise<LineActionReply> {
    return this.act(orderId, lineId, async (em, line) => {
      lineStatus.assertCanMove(line.line_status, 'ACTIVE', lineSubject(line));
      if (line.line_status !== 'HELD') throw illegal(line, 'make active a line that is not HELD');
      await moveLineStatus(em, [line], 'ACTIVE');
      return this.announce(em, line, 'ACTIVATED', remaining(line));
    });
  }

  /** The customer took the goods: removes the line's shipping fee only when confirmed, and makes it billable. */
  preShip(request: PreShipRequest): Promise<LineActionReply> {
    return this.act(request.orderId, request.lineId, async (em, line) => {
      if (!lineStatusesThatMayPreShip.includes(line.line_status))
        throw illegal(line, 'pre-ship a line that is not ACTIVE');
      fulfillStatus.assertCanMove(line.fulfill_status, 'PRE_SHIPPED', lineSubject(line));
      const fee = Number(line.ship_fee_minor);
      if (fee > 0 && !request.confirmRemoveShippingFee) {
        return `Pre-shipping line ${line.id} removes its shipping fee of ${fee} (minor units). Nothing was changed; send confirmRemoveShippingFee: true to proceed.`;
      }
      // "Changing the fulfill status to pre-shipped will eliminate the shipping fee."
      await moveFulfillStatus(em, [line], 'PRE_SHIPPED');
      await em.query(`UPDATE orders.order_lines SET ship_fee_minor = 0 WHERE id = $1`, [line.id]);
      return this.announce(em, line, 'PRE_SHIPPED', remaining(line));
    });
  }

  /** Cancelling keeps the fulfill status; a line on which something was already done cannot be cancelled. */
  async cancel(orderId: string, lineId: string): Promise<LineActionReply> {
    const reply = await this.act(orderId, lineId, async (em, line) => {
      assertUnprocessed(line);
      await moveLineStatus(em, [line], 'CANCELLED');
      return this.announce(em, line, 'CANCELLED', remaining(line));
    });
    await this.release.now(orderId, [lineId]);
    return reply;
  }

  /** A standing order stops: nothing more ships, nothing shipped is taken back. */
  async terminate(orderId: string, lineId: string): Promise<LineActionReply> {
    const reply = await this.act(orderId, lineId, async (em, line) => {
      await moveFulfillStatus(em, [line], 'STANDING_ORDER_TERMINATED');
      return this.announce(em, line, 'TERMINATED', remaining(line));
    });
    await this.release.now(orderId, [lineId]);
    return reply;
  }

  /** Runs one action on a locked line; a returned string is a warning and rolls nothing forward. */
  private async act(
    orderId: string,
    lineId: string,
    action: (em: EntityManager, line: LockedLine) => Promise<string | void>,
  ): Promise<LineActionReply> {
    const warning = await this.dataSource.transaction(async (em) => {
      const line = await lockLine(em, orderId, lineId);
      if (!orderTypeRule(line.order_type).fulfillable) {
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          `Lines of a ${line.order_type} (${line.order_number}) are not fulfilled; this action does not apply`,
        );
      }
      return action(em, line);
    });
    return { changed: !warning, warning: warning || undefined, order: await this.reader.get(orderId) };
  }

  private async announce(
    em: EntityManager,
    line: LockedLine,
    action: Exclude<LineChangeAction, 'CHANGED' | 'ADDED'>,
    quantity: number,
  ): Promise<void> {
    const event: LinesChangedEvent = {
      orderId: line.order_id,
      orderNumber: line.order_number,
      action,
      lines: [{ lineId: line.id, sku: line.sku, quantity }],
    };
    await this.outbox.add(em, OrdersSubjects.linesChanged, event);
  }
}

export async function lockLine(em: EntityManager, orderId: string, lineId: string): Promise<LockedLine> {
  const [line] = await rows<LockedLine>(
    em,
    `SELECT l.id, l.order_id, o.number AS order_number, o.type AS order_type, l.sku, l.quantity, l.line_status, l.fulfill_status,
            l.shipped_quantity, l.invoiced_quantity, l.moved_quantity, l.ship_fee_minor
       FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
      WHERE l.order_id = $1 AND l.id = $2 FOR UPDATE OF l`,
    [orderId, lineId],
  );
  if (!line) throw new DomainError('NOT_FOUND', `Order ${orderId} has no line ${lineId}`, { orderId, lineId });
  return line;
}

/** Quantity of the line still to be fulfilled here. */
export function remaining(line: Pick<LockedLine, 'quantity' | 'shipped_quantity' | 'moved_quantity'>): number {
  return Math.max(0, line.quantity - line.shipped_quantity - line.moved_quantity);
}

export function assertUnprocessed(line: LockedLine): void {
  if (line.shipped_quantity > 0 || line.invoiced_quantity > 0 || !['NOT_FULFILLED'].includes(line.fulfill_status)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `Line ${line.id} of ${line.order_number} is already being processed (fulfill status ${line.fulfill_status}, shipped ${line.shipped_quantity}, invoiced ${line.invoiced_quantity}); re-open the order instead of cancelling`,
      { lineId: line.id, lineStatus: line.line_status, fulfillStatus: line.fulfill_status },
    );
  }
}

function illegal(line: LockedLine, what: string): DomainError {
  return new DomainError(
    'ILLEGAL_TRANSITION',
    `Line ${line.id} is ${line.line_status} / ${line.fulfill_status}; cannot ${what}`,
    {
      lineId: line.id,
      lineStatus: line.line_status,
      fulfillStatus: line.fulfill_status,
    },
  );
}
