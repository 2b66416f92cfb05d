import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Currency,
  InventorySubjects,
  type OrderPlacedEvent,
  OrdersSubjects,
  type OrderView,
  type PlaceOrderRequest,
  type PriceOrderReply,
  PricingSubjects,
  type ReserveStockReply,
} from '#contracts';
import { currentContext, DomainError, OutboxService, rows as sqlRows, SERVICE_CONFIG, ServiceClient } from '#platform';
import type { OrdersConfig } from '../config.js';
import { OrderReader } from './order-reader.js';

interface PlannedLine {
  id: string;
  lineNo: number;
  sku: string;
  quantity: number;
  locationCode?: string;
}

/**
 * Places an order: validates the customer, prices every line in one request to pricing,
 * reserves every line in one request to inventory, then stores order, lines and the
 * `order placed` event in one transaction. A failure after the reservation releases it
 * (reservations are keyed by order line, so that is safe to repeat).
 */
@Injectable()
export class OrderPlacementService {
  private readonly logger = new Logger('OrderPlacement');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServiceClient,
    private readonly outbox: OutboxService,
    private readonly reader: OrderReader,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async place(request: PlaceOrderRequest): Promise<OrderView> {
    const context = currentContext();
    const idempotencyKey = context?.idempotencyKey;
    if (idempotencyKey) {
      const existing = await this.reader.findByIdempotencyKey(idempotencyKey);
      if (existing) return existing;
    }
    const caller = context?.caller;
    if (caller?.role === 'customer' && caller.customerId !== request.customerId) {
      throw new DomainError('FORBIDDEN', 'A customer may place orders only for itself');
    }
    const [customer] = await this.dataSource.query(`SELECT id, currency FROM orders.customers WHERE id = $1`, [request.customerId]);
    if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', `No customer with id ${request.customerId}`, { customerId: request.customerId });
    const currency = (customer.currency as string).trim() as Currency;

    const orderId = randomUUID();
    const lines: PlannedLine[] = request.lines.map((line, index) => ({
      id: randomUUID(),
      lineNo: index + 1,
      sku: line.sku,
      quantity: line.quantity,
      locationCode: line.shipFromLocation ?? request.shipFromLocation,
    }));
    const timeoutMs = this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS;
    const prices = await this.services.request<PriceOrderReply>(
      PricingSubjects.priceOrder,
      { currency, customerId: request.customerId, lines: lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })) },
      { timeoutMs },
    );
    const reservation = await this.services.request<ReserveStockReply>(
      InventorySubjects.reserve,
      { orderId, lines: lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity, locationCode: l.locationCode })) },
      { timeoutMs },
    );
    try {
      await this.dataSource.transaction((em) => this.store(em, orderId, request, currency, lines, prices, reservation, idempotencyKey));
    } catch (error) {
      await this.releaseQuietly(orderId);
      if (idempotencyKey && isUniqueViolation(error)) {
        const winner = await this.reader.findByIdempotencyKey(idempotencyKey);
        if (winner) return winner;
      }
      throw error;
    }
    return this.reader.get(orderId);
  }

  private async store(
    em: EntityManager,
    orderId: string,
    request: PlaceOrderRequest,
    currency: Currency,
    lines: PlannedLine[],
    prices: PriceOrderReply,
    reservation: ReserveStockReply,
    idempotencyKey: string | undefined,
  ): Promise<void> {
    const [{ value }] = await sqlRows<{ value: string }>(em, `UPDATE orders.counters SET value = value + 1 WHERE name = 'order:ORDER' RETURNING value`);
    const number = `SO-${String(value).padStart(6, '0')}`;
    const actor = currentContext()?.caller?.actorId ?? 'system';
    const [{ order_date: orderDate }] = await em.query(
      `INSERT INTO orders.orders (id, number, type, customer_id, customer_reference, currency, ship_from_location, idempotency_key, created_by)
       VALUES ($1, $2, 'ORDER', $3, $4, $5, $6, $7, $8) RETURNING order_date`,
      [orderId, number, request.customerId, request.customerReference ?? null, currency, request.shipFromLocation ?? null, idempotencyKey ?? null, actor],
    );
    const priced = new Map(prices.lines.map((l) => [l.lineId, l]));
    const reserved = new Map(reservation.lines.map((l) => [l.lineId, l]));
    const rows = lines.map((line) => {
      const price = priced.get(line.id);
      const stock = reserved.get(line.id);
      if (!price || !stock) throw new DomainError('INTERNAL', `Line ${line.lineNo} came back without a price or a reservation`);
      return { line, price, stock, status: stock.reserved > 0 ? 'ACTIVE' : 'BACK_ORDERED' };
    });
    await em.query(
      `INSERT INTO orders.order_lines (id, order_id, line_no, sku, quantity, unit_price_minor, price_id, line_status, fulfill_status,
                                        reserved_quantity, backordered_quantity, allocations)
       SELECT id, $1, line_no, sku, quantity, unit_price, price_id, status, 'NOT_FULFILLED', reserved, backordered, allocations
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[], $9::int[], $10::int[], $11::jsonb[])
           AS t(id, line_no, sku, quantity, unit_price, price_id, status, reserved, backordered, allocations)`,
      [
        orderId,
        rows.map((r) => r.line.id),
        rows.map((r) => r.line.lineNo),
        rows.map((r) => r.line.sku),
        rows.map((r) => r.line.quantity),
        rows.map((r) => r.price.unitPriceMinor),
        rows.map((r) => r.price.priceId),
        rows.map((r) => r.status),
        rows.map((r) => r.stock.reserved),
        rows.map((r) => r.stock.backordered),
        rows.map((r) => JSON.stringify(r.stock.allocations)),
      ],
    );
    const event: OrderPlacedEvent = {
      orderId,
      number,
      customerId: request.customerId,
      currency,
      orderDate: new Date(orderDate).toISOString(),
      lines: rows.map((r) => ({
        lineId: r.line.id,
        lineNo: r.line.lineNo,
        sku: r.line.sku,
        quantity: r.line.quantity,
        unitPriceMinor: r.price.unitPriceMinor,
        allocations: r.stock.allocations,
      })),
    };
    await this.outbox.add(em, OrdersSubjects.orderPlaced, event);
  }

  private async releaseQuietly(orderId: string): Promise<void> {
    try {
      await this.services.request(InventorySubjects.release, { orderId });
    } catch (error) {
      // Reservations are keyed by order line; an operator can release the order again later.
      this.logger.error({ orderId, err: error }, 'could not release the reservation of a failed order');
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string; driverError?: { code?: string } }).driverError?.code === '23505' || (error as { code?: string }).code === '23505';
}
