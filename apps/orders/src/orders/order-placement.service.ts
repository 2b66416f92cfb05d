import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Currency,
  InventorySubjects,
  mayEnter,
  type OrderChargeFact,
  type OrderPlacedEvent,
  OrdersSubjects,
  orderTypeRule,
  type OrderView,
  type PlaceOrderRequest,
  type PriceOrderReply,
  PricingSubjects,
  type ReserveStockReply,
  typesWhere,
} from '#contracts';
import {
  currentContext,
  DomainError,
  OutboxService,
  SERVICE_CONFIG,
  ServiceClient,
  isUniqueViolation,
} from '#platform';
import type { OrdersConfig } from '../config.js';
import { CustomerLookup, type OrderingCustomer } from './customer-lookup.js';
import { componentLinesFor, componentNewLines } from './kit-components.js';
import { OrderReader } from './order-reader.js';
import { orderPlacedEvent } from './order-placed.event.js';
import { type NewLine, type NewOrder, OrderWriter } from './order-writer.js';

/** A line as asked for, before pricing and stock. */
export interface PlannedLine {
  id: string;
  lineNo: number;
  sku: string;
  quantity: number;
  locationCode?: string;
  quotedUnitPriceMinor?: number;
  refLineId?: string;
  shipFeeMinor?: number;
  sourceCode?: string;
}

/**
 * Places an order of any type a person may enter. Quotes and recurring templates are only
 * priced. Orders, one-step invoice orders and loss/reshipments are priced in one request to
 * pricing, reserved in one request to inventory, then stored with the `order placed` event
 * in one transaction; a failure after the reservation releases it (reservations are keyed
 * by order line, so that is safe to repeat).
 */
@Injectable()
export class OrderPlacementService {
  private readonly logger = new Logger('OrderPlacement');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServiceClient,
    private readonly outbox: OutboxService,
    private readonly reader: OrderReader,
    private readonly writer: OrderWriter,
    private readonly customers: CustomerLookup,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async place(request: PlaceOrderRequest, batchId?: string): Promise<OrderView> {
    const context = currentContext();
    const idempotencyKey = context?.idempotencyKey;
    if (idempotencyKey) {
      const existing = await this.reader.findByIdempotencyKey(idempotencyKey);
      if (existing) return existing;
    }
    const type = request.type ?? 'ORDER';
    const rule = orderTypeRule(type);
    const caller = context?.caller;
    if (caller && !mayEnter(type, caller.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Role ${caller.role} may not enter a ${type} order; allowed: ${rule.enteredBy.join(', ')}`,
      );
    }
    if (caller?.role === 'customer' && caller.customerId !== request.customerId) {
      throw new DomainError('FORBIDDEN', 'A customer may place orders only for itself');
    }
    if (request.paymentMethod && !rule.billedAtEntry) {
      const oneStep = typesWhere('billedAtEntry').join(' or ');
      throw new DomainError('VALIDATION_FAILED', `Only a one-step ${oneStep} order is paid at entry`, {
        fields: [{ field: 'paymentMethod', problems: [`paymentMethod is only for type ${oneStep}`] }],
      });
    }
    if (rule.recurs && !request.recurrence) {
      throw new DomainError('VALIDATION_FAILED', `A ${type} order needs a recurrence`, {
        fields: [{ field: 'recurrence', problems: [`recurrence is required for type ${type}`] }],
      });
    }
    const customer = await this.customers.forOrder(request.customerId, request.shipToAddressId);
    const header: NewOrder = {
      id: randomUUID(),
      type,
      customerId: customer.id,
      currency: customer.currency,
      customerReference: request.customerReference,
      shipFromLocation: request.shipFromLocation ?? customer.defaultShipFrom,
      shipToAddressId: customer.shipToAddressId,
      prepaid: customer.prepaid,
      paymentTerms: customer.paymentTerms,
      priority: request.priority ?? 0,
      batchId,
      idempotencyKey,
      recurrence:
        rule.recurs && request.recurrence
          ? {
              every: request.recurrence.every,
              interval: request.recurrence.interval ?? 1,
              startOn: request.recurrence.startOn,
            }
          : undefined,
      nextRunOn: rule.recurs ? request.recurrence?.startOn : undefined,
      paymentMethod: request.paymentMethod,
    };
    const lines: PlannedLine[] = request.lines.map((line, index) => ({
      id: randomUUID(),
      lineNo: index + 1,
      sku: line.sku,
      quantity: line.quantity,
      // A line's own ship-from or source wins; the order's ship-from otherwise (inventory applies the order's source).
      locationCode:
        line.shipFromLocation ??
        (line.sourceCode
          ? undefined
          : (request.shipFromLocation ?? (request.sourceCode ? undefined : customer.defaultShipFrom))),
      sourceCode: line.sourceCode,
      shipFeeMinor: line.shipFeeMinor,
    }));
    const rules = { sourceCode: request.sourceCode, allowSplit: request.allowSplit, priority: header.priority };
    if (!rule.reservesStock) return this.placeUnstocked(header, lines);
    return this.placeStocked(header, lines, undefined, rules);
  }

  /** Quotes and recurring templates: priced, never reserved, no events. */
  private async placeUnstocked(header: NewOrder, lines: PlannedLine[]): Promise<OrderView> {
    const prices = await this.price(header.currency, header.customerId, lines);
    header.charges = chargesOf(prices);
    await this.dataSource.transaction((em) =>
      this.writer.insert(em, header, this.toNewLines(lines, prices, undefined, header)),
    );
    return this.reader.get(header.id);
  }

  /** Orders, one-step invoice orders and loss/reshipments (also used for converted quotes, recurring runs and backorders). */
  async placeStocked(
    header: NewOrder,
    lines: PlannedLine[],
    alsoInTransaction?: (em: EntityManager) => Promise<void>,
    rules: { sourceCode?: string; allowSplit?: boolean; priority?: number } = { priority: header.priority },
  ): Promise<OrderView> {
    const prices = await this.price(header.currency, header.customerId, lines);
    header.charges = chargesOf(prices);
    const reservingSince = performance.now();
    const reservation = await this.services.request(
      InventorySubjects.reserve,
      {
        orderId: header.id,
        ...rules,
        lines: lines.map((l) => ({
          lineId: l.id,
          sku: l.sku,
          quantity: l.quantity,
          locationCode: l.locationCode,
          sourceCode: l.sourceCode,
        })),
      },
      { timeoutMs: this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS },
    );
    try {
      assertCounterStock(header, reservation);
      const components = await this.reserveKitComponents(header, lines, reservation);
      await this.dataSource.transaction(async (em) => {
        const newLines = this.toNewLines(lines, prices, reservation, header);
        const kitPrices = new Map(prices.lines.map((l) => [l.lineId, l.priceId]));
        for (const kit of new Set(components.lines.map((c) => c.parentLineId))) {
          const kitLine = newLines.find((l) => l.id === kit);
          if (kitLine) Object.assign(kitLine, { kind: 'KIT', fulfillStatus: 'NOT_FULFILLED', allocations: [] });
        }
        newLines.push(...componentNewLines(components.lines, components.reservation, kitPrices, header.prepaid));
        const { number, orderDate } = await this.writer.insert(em, header, newLines);
        await this.outbox.add(em, OrdersSubjects.orderPlaced, orderPlacedEvent(header, number, orderDate, newLines));
        await alsoInTransaction?.(em);
        this.assertWithinDeadline(reservingSince);
      });
    } catch (error) {
      await this.releaseQuietly(header.id);
      if (header.idempotencyKey && isUniqueViolation(error)) {
        const winner = await this.reader.findByIdempotencyKey(header.idempotencyKey);
        if (winner) return winner;
      }
      throw error;
    }
    return this.reader.get(header.id);
  }

  /**
   * The last step before commit: past the deadline inventory may already have released the
   * reservation as belonging to no order (it does after RESERVATION_CONFIRM_AFTER_MS), so the
   * order is rolled back rather than committed over stock it no longer holds.
   */
  private assertWithinDeadline(since: number): void {
    const took = Math.round(performance.now() - since);
    if (took <= this.config.ORDERS_PLACEMENT_DEADLINE_MS) return;
    throw new DomainError(
      'SERVICE_TIMEOUT',
      `Placing the order took ${took} ms, over ORDERS_PLACEMENT_DEADLINE_MS; nothing was placed, retry it`,
    );
  }

  /** Reserves the component sub-lines of kits that are not counted themselves (a second request, keyed by the sub-lines). */
  private async reserveKitComponents(header: NewOrder, lines: PlannedLine[], reservation: ReserveStockReply) {
    const kitLines = new Map(lines.map((l) => [l.id, { quantity: l.quantity, locationCode: l.locationCode }]));
    const componentLines = componentLinesFor(reservation, kitLines, lines.length + 1);
    if (componentLines.length === 0) return { lines: componentLines, reservation: undefined };
    const componentReservation = await this.services.request(
      InventorySubjects.reserve,
      {
        orderId: header.id,
        lines: componentLines.map((c) => ({
          lineId: c.id,
          sku: c.sku,
          quantity: c.quantity,
          locationCode: c.locationCode,
        })),
      },
      { timeoutMs: this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS },
    );
    return { lines: componentLines, reservation: componentReservation };
  }

  private price(currency: Currency, customerId: string, lines: PlannedLine[]): Promise<PriceOrderReply> {
    return this.services.request(
      PricingSubjects.priceOrder,
      { currency, customerId, lines: lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })) },
      { timeoutMs: this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS },
    );
  }

  private toNewLines(
    lines: PlannedLine[],
    prices: PriceOrderReply,
    reservation: ReserveStockReply | undefined,
    header: NewOrder,
  ): NewLine[] {
    const priced = new Map(prices.lines.map((l) => [l.lineId, l]));
    const reserved = new Map((reservation?.lines ?? []).map((l) => [l.lineId, l]));
    return lines.map((line) => {
      const price = priced.get(line.id);
      if (!price) throw new DomainError('INTERNAL', `Line ${line.lineNo} came back without a price`);
      const stock = reserved.get(line.id);
      if (reservation && !stock)
        throw new DomainError('INTERNAL', `Line ${line.lineNo} came back without a reservation`);
      const got = stock?.reserved ?? 0;
      const lineStatus = !reservation
        ? 'PROFORMA'
        : got === 0
          ? 'BACK_ORDERED'
          : header.prepaid
            ? 'PROFORMA'
            : this.config.ORDERS_DEFAULT_LINE_STATUS;
      return {
        id: line.id,
        lineNo: line.lineNo,
        sku: line.sku,
        quantity: line.quantity,
        unitPriceMinor: price.unitPriceMinor,
        priceId: price.priceId,
        lineStatus,
        fulfillStatus: defaultFulfillStatus(header, stock),
        reserved: got,
        backordered: stock?.backordered ?? 0,
        allocations: stock?.allocations ?? [],
        quotedUnitPriceMinor: line.quotedUnitPriceMinor,
        refLineId: line.refLineId,
        shipFeeMinor: line.shipFeeMinor,
        taxPercent: price.taxPercent,
        taxMinor: price.taxMinor,
      };
    });
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

/**
 * The freight and miscellaneous charges pricing added, with their taxes: the order carries
 * them as the quote showed them, and billing bills them with the order's first invoice.
 */
function chargesOf(prices: PriceOrderReply): OrderChargeFact[] {
  return (prices.charges ?? []).map((c, index) => ({
    chargeNo: index + 1,
    kind: c.kind,
    code: c.code,
    description: c.description,
    amountMinor: c.amountMinor,
    taxMinor: c.taxMinor,
    ...(c.taxPercent === undefined ? {} : { taxPercent: c.taxPercent }),
  }));
}

/**
 * A counter sale hands the goods over now: what the system cannot reserve is not on the
 * shelf as far as it knows, so the sale is refused (receive or adjust the stock first)
 * rather than recorded as handed over and back-ordered at once.
 */
function assertCounterStock(header: NewOrder, reservation: ReserveStockReply): void {
  if (!orderTypeRule(header.type).handedOverAtEntry) return;
  const short = reservation.lines.filter((l) => l.backordered > 0);
  if (short.length === 0) return;
  throw new DomainError(
    'INSUFFICIENT_STOCK',
    `A counter sale hands goods over now, but ${short.map((l) => `${l.sku} (${l.reserved} of ${l.requested} available)`).join(', ')} is not in stock; receive or adjust the stock first`,
    { lines: short.map((l) => ({ sku: l.sku, requested: l.requested, available: l.reserved })) },
  );
}

/**
 * A line is handed over at entry (PRE_SHIPPED) on an order type handed over at entry (a
 * one-step invoice), and in the one other case the rules name: an item that is neither
 * inventoried nor linked to a warehouse never goes through shipping. Everything else starts
 * NOT_FULFILLED.
 */
function defaultFulfillStatus(
  header: NewOrder,
  stock: ReserveStockReply['lines'][number] | undefined,
): 'PRE_SHIPPED' | 'NOT_FULFILLED' {
  if (orderTypeRule(header.type).handedOverAtEntry) return 'PRE_SHIPPED';
  if (stock && stock.inventoried === false && stock.linkedToWarehouse === false) return 'PRE_SHIPPED';
  return 'NOT_FULFILLED';
}

export type { OrderingCustomer };
