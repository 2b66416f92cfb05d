import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { orderTypeRule, type OrderView, type QuoteComparisonView } from '#contracts';
import { DomainError, rows } from '#platform';
import { CustomerLookup } from '../orders/customer-lookup.js';
import { OrderPlacementService } from '../orders/order-placement.service.js';
import { OrderReader } from '../orders/order-reader.js';

/**
 * "Create order" from a quote: a new Order that refers back to the quote (Ref Order ID),
 * priced at today's prices and keeping each line's quoted price for the quoted-versus-actual
 * report. A quote becomes one order; converting it again is refused.
 */
@Injectable()
export class QuoteConversionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: OrderReader,
    private readonly placement: OrderPlacementService,
    private readonly customers: CustomerLookup,
  ) {}

  async convert(quoteId: string): Promise<OrderView> {
    const quote = await this.reader.get(quoteId);
    if (!orderTypeRule(quote.type).convertsToOrder)
      throw new DomainError('ILLEGAL_TRANSITION', `${quote.number} is a ${quote.type}, not a QUOTE`, { id: quoteId });
    const [done] = await rows<{ number: string }>(
      this.dataSource,
      `SELECT o.number FROM orders.quote_conversions c JOIN orders.orders o ON o.id = c.order_id WHERE c.quote_id = $1`,
      [quoteId],
    );
    if (done)
      throw new DomainError('ILLEGAL_TRANSITION', `Quote ${quote.number} was already converted to ${done.number}`, {
        id: quoteId,
      });
    const customer = await this.customers.forOrder(quote.customerId, quote.shipToAddressId);
    const header = {
      id: randomUUID(),
      type: 'ORDER' as const,
      customerId: quote.customerId,
      currency: quote.currency,
      customerReference: quote.customerReference,
      shipFromLocation: quote.shipFromLocation,
      shipToAddressId: quote.shipToAddressId,
      prepaid: customer.prepaid,
      paymentTerms: customer.paymentTerms,
      priority: quote.priority,
      refOrderId: quote.id,
    };
    const lines = quote.lines
      .filter((l) => l.kind !== 'COMPONENT' && l.lineStatus !== 'CANCELLED')
      .map((l, index) => ({
        id: randomUUID(),
        lineNo: index + 1,
        sku: l.sku,
        quantity: l.quantity,
        locationCode: quote.shipFromLocation,
        quotedUnitPriceMinor: l.unitPriceMinor,
        refLineId: l.id,
      }));
    return this.placement.placeStocked(header, lines, async (em) => {
      // The primary key makes a concurrent second conversion fail and roll back (releasing its stock).
      await em.query(`INSERT INTO orders.quote_conversions (quote_id, order_id) VALUES ($1, $2)`, [
        quote.id,
        header.id,
      ]);
    });
  }

  /** Quoted versus actual prices of the order made from a quote (pass the order's or the quote's id). */
  async comparison(id: string): Promise<QuoteComparisonView> {
    const [link] = await rows<{ quote_id: string; order_id: string }>(
      this.dataSource,
      `SELECT quote_id, order_id FROM orders.quote_conversions WHERE order_id = $1 OR quote_id = $1`,
      [id],
    );
    if (!link)
      throw new DomainError(
        'ORDER_NOT_FOUND',
        `No order made from a quote has id ${id}, and no converted quote has it`,
        { id },
      );
    const [quote, order] = await Promise.all([this.reader.get(link.quote_id), this.reader.get(link.order_id)]);
    const lines = order.lines
      .filter((l) => l.quotedUnitPriceMinor !== undefined)
      .map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        quotedUnitPriceMinor: l.quotedUnitPriceMinor!,
        actualUnitPriceMinor: l.unitPriceMinor,
        differenceMinor: l.unitPriceMinor - l.quotedUnitPriceMinor!,
      }));
    return {
      quote: { id: quote.id, number: quote.number, type: quote.type },
      order: { id: order.id, number: order.number, type: order.type },
      quotedTotalMinor: lines.reduce((sum, l) => sum + l.quotedUnitPriceMinor * l.quantity, 0),
      actualTotalMinor: lines.reduce((sum, l) => sum + l.actualUnitPriceMinor * l.quantity, 0),
      lines,
    };
  }
}
