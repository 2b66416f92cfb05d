import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Allocation,
  type Currency,
  type FulfillStatus,
  type LineStatus,
  OrdersSubjects,
  type OrderType,
  orderTypeRule,
  type OrderView,
  type ReceiveReturnRequest,
  type ReturnDisposition,
  type ReturnReceivedEvent,
  type UpdateHandlingChargeRequest,
  type UpdateReturnLineRequest,
} from '#contracts';
import { DomainError, OutboxService, rows } from '#platform';
import { moveFulfillStatus, moveLineStatus } from '../order-lines/line-moves.js';
import { OrderReader } from '../orders/order-reader.js';
import { returnLineStatus } from './return.machine.js';

interface ReturnHeader {
  id: string;
  number: string;
  type: OrderType;
  customer_id: string;
  currency: string;
  ref_order_id: string;
  original_number: string;
  ship_from_location: string | null;
  received: boolean;
}

interface ReturnLineRow {
  id: string;
  kind: string;
  sku: string;
  quantity: number;
  unit_price_minor: string;
  description: string | null;
  disposition: ReturnDisposition | null;
  ref_line_id: string | null;
  original_shipped: number;
  original_returned: number;
  original_line_status: LineStatus | null;
  original_fulfill: FulfillStatus | null;
  original_allocations: Allocation[] | null;
}

/** Fills in a Return, then receives it: the original's lines become Returned, stock comes back or is written off, billing credits. */
@Injectable()
export class ReturnProcessingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: OrderReader,
    private readonly outbox: OutboxService,
  ) {}

  async updateLine(request: UpdateReturnLineRequest): Promise<OrderView> {
    await this.dataSource.transaction(async (em) => {
      const header = await this.lockReturn(em, request.returnId);
      const line = (await this.lines(em, header.id)).find((l) => l.id === request.lineId && l.kind !== 'CHARGE');
      if (!line)
        throw new DomainError('NOT_FOUND', `Return ${header.number} has no goods line ${request.lineId}`, {
          lineId: request.lineId,
        });
      const returnable = line.original_shipped - line.original_returned;
      if (request.quantity > returnable) {
        throw new DomainError(
          'QUANTITY_EXCEEDED',
          `Only ${returnable} of ${line.sku} can come back (shipped ${line.original_shipped}, returned ${line.original_returned})`,
          {
            field: 'quantity',
            returnable,
          },
        );
      }
      await em.query(
        `UPDATE orders.order_lines SET quantity = $2, unit_price_minor = coalesce($3, unit_price_minor), disposition = $4 WHERE id = $1`,
        [line.id, request.quantity, request.unitPriceMinor ?? null, request.disposition ?? 'RESTOCK'],
      );
    });
    return this.reader.get(request.returnId);
  }

  async updateCharge(request: UpdateHandlingChargeRequest): Promise<OrderView> {
    await this.dataSource.transaction(async (em) => {
      const header = await this.lockReturn(em, request.returnId);
      await em.query(
        `UPDATE orders.order_lines SET description = coalesce($2, description), unit_price_minor = coalesce($3, unit_price_minor)
          WHERE order_id = $1 AND kind = 'CHARGE'`,
        [header.id, request.description ?? null, request.amountMinor ?? null],
      );
    });
    return this.reader.get(request.returnId);
  }

  async receive(request: ReceiveReturnRequest): Promise<OrderView> {
    await this.dataSource.transaction(async (em) => {
      const header = await this.lockReturn(em, request.returnId);
      const lines = await this.lines(em, header.id);
      const goods = lines.filter((l) => l.kind !== 'CHARGE' && l.quantity > 0);
      if (goods.length === 0)
        throw new DomainError('VALIDATION_FAILED', `Return ${header.number} has no quantities to receive`, {
          fields: [{ field: 'lines', problems: ['enter at least one returned quantity'] }],
        });
      for (const line of goods) await this.returnOriginalLine(em, line);
      await this.markReceived(em, header, lines.length);
      const charge = lines.find((l) => l.kind === 'CHARGE');
      await this.outbox.add(
        em,
        OrdersSubjects.returnReceived,
        receivedEvent(header, goods, charge, request.settlement ?? 'CREDIT_MEMO'),
      );
    });
    return this.reader.get(request.returnId);
  }

  /** Full return: both statuses Returned; partial: the line stays Active with fulfill status Returned. */
  private async returnOriginalLine(em: EntityManager, line: ReturnLineRow): Promise<void> {
    const returnable = line.original_shipped - line.original_returned;
    if (line.quantity > returnable)
      throw new DomainError('QUANTITY_EXCEEDED', `Only ${returnable} of ${line.sku} can come back`);
    // What shipped (or was pre-shipped) and was not returned yet may come back, whatever the line's fulfill status now.
    const full = line.original_returned + line.quantity >= line.original_shipped;
    await em.query(`UPDATE orders.order_lines SET returned_quantity = returned_quantity + $2 WHERE id = $1`, [
      line.ref_line_id,
      line.quantity,
    ]);
    const original = {
      id: line.ref_line_id!,
      line_status: line.original_line_status!,
      fulfill_status: line.original_fulfill!,
    };
    // A line returned in part before is RETURNED already; a second return only adds to its returned quantity.
    if (original.fulfill_status !== 'RETURNED') await moveFulfillStatus(em, [original], 'RETURNED');
    if (full && original.line_status !== 'RETURNED') await moveLineStatus(em, [original], 'RETURNED');
  }

  /** The Return's own lines record that its goods came back: every one of them moves, once. */
  private async markReceived(em: EntityManager, header: ReturnHeader, lineCount: number): Promise<void> {
    const received = await rows(
      em,
      `UPDATE orders.order_lines SET fulfill_status = 'RETURNED' WHERE order_id = $1 AND fulfill_status = ANY($2::text[])
       RETURNING id`,
      [header.id, returnLineStatus.into('RETURNED')],
    );
    returnLineStatus.assertMoved('RETURNED', received.length, lineCount, `Return ${header.number}`);
  }

  private async lockReturn(em: EntityManager, returnId: string): Promise<ReturnHeader> {
    const [header] = await rows<ReturnHeader>(
      em,
      `SELECT o.id, o.number, o.type, o.customer_id, o.currency, o.ref_order_id, r.number AS original_number, o.ship_from_location,
              EXISTS (SELECT 1 FROM orders.order_lines l WHERE l.order_id = o.id AND l.fulfill_status = 'RETURNED') AS received
         FROM orders.orders o JOIN orders.orders r ON r.id = o.ref_order_id WHERE o.id = $1 FOR UPDATE OF o`,
      [returnId],
    );
    if (!header || !orderTypeRule(header.type).receivesGoods)
      throw new DomainError('ORDER_NOT_FOUND', `No return with id ${returnId}`, { id: returnId });
    if (header.received) throw new DomainError('ILLEGAL_TRANSITION', `Return ${header.number} was already received`);
    return header;
  }

  private lines(em: EntityManager, returnId: string): Promise<ReturnLineRow[]> {
    return rows<ReturnLineRow>(
      em,
      `SELECT l.id, l.kind, l.sku, l.quantity, l.unit_price_minor, l.description, l.disposition, l.ref_line_id,
              coalesce(o.shipped_quantity + CASE WHEN o.fulfill_status = 'PRE_SHIPPED' THEN o.quantity ELSE 0 END, 0) AS original_shipped,
              coalesce(o.returned_quantity, 0) AS original_returned, o.line_status AS original_line_status,
              o.fulfill_status AS original_fulfill, o.allocations AS original_allocations
         FROM orders.order_lines l LEFT JOIN orders.order_lines o ON o.id = l.ref_line_id
        WHERE l.order_id = $1 ORDER BY l.line_no`,
      [returnId],
    );
  }
}

function receivedEvent(
  header: ReturnHeader,
  goods: ReturnLineRow[],
  charge: ReturnLineRow | undefined,
  settlement: ReturnReceivedEvent['settlement'],
): ReturnReceivedEvent {
  const goodsMinor = goods.reduce((sum, l) => sum + Number(l.unit_price_minor) * l.quantity, 0);
  const chargeMinor = charge ? Number(charge.unit_price_minor) : 0;
  return {
    returnId: header.id,
    returnNumber: header.number,
    originalOrderId: header.ref_order_id,
    originalOrderNumber: header.original_number,
    customerId: header.customer_id,
    currency: header.currency.trim() as Currency,
    settlement,
    handlingCharge: { description: charge?.description ?? 'Return handling charge', amountMinor: chargeMinor },
    creditMinor: Math.max(0, goodsMinor - chargeMinor),
    lines: goods.map((l) => ({
      returnLineId: l.id,
      originalLineId: l.ref_line_id!,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceMinor: Number(l.unit_price_minor),
      disposition: l.disposition ?? 'RESTOCK',
      locationCode: l.original_allocations?.[0]?.locationCode ?? header.ship_from_location ?? undefined,
    })),
  };
}
