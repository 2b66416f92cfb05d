import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  type CreateCreditMemoRequest,
  OrdersSubjects,
  orderTypeRule,
  type OrderView,
  type ReturnReceivedEvent,
} from '#contracts';
import { DomainError, OutboxService } from '#platform';
import { OrderReader } from '../orders/order-reader.js';
import { OrderWriter } from '../orders/order-writer.js';

/**
 * A Credit memo order (CM-…) for an overcharge: one credit line referring to the original
 * order; billing issues the credit note (kept as the customer's credit, or refunded) and
 * the memo closes. It can never credit more than the original was invoiced.
 */
@Injectable()
export class CreditMemoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: OrderReader,
    private readonly writer: OrderWriter,
    private readonly outbox: OutboxService,
  ) {}

  async create(request: CreateCreditMemoRequest): Promise<OrderView> {
    const original = await this.reader.get(request.originalOrderId);
    if (!orderTypeRule(original.type).returnable) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `${original.number} is a ${original.type}; only invoiced orders can be credited`,
      );
    }
    // The memos made against it before (a Return credits goods, and is bounded by what shipped instead).
    const credited = original.references.children.filter((c) => {
      const rule = orderTypeRule(c.type);
      return rule.credits && !rule.receivesGoods;
    });
    const alreadyCredited = (await Promise.all(credited.map((c) => this.reader.get(c.id)))).reduce(
      (sum, m) => sum + m.totalMinor,
      0,
    );
    if (request.amountMinor > original.invoicedMinor - alreadyCredited) {
      throw new DomainError(
        'QUANTITY_EXCEEDED',
        `${original.number} was invoiced ${original.invoicedMinor} and credited ${alreadyCredited}; at most ${original.invoicedMinor - alreadyCredited} can be credited`,
        {
          field: 'amountMinor',
          creditable: original.invoicedMinor - alreadyCredited,
        },
      );
    }
    const id = randomUUID();
    await this.dataSource.transaction(async (em) => {
      const { number } = await this.writer.insert(
        em,
        {
          id,
          type: 'CREDIT_MEMO',
          customerId: original.customerId,
          currency: original.currency,
          prepaid: false,
          priority: 0,
          refOrderId: original.id,
        },
        [
          {
            id: randomUUID(),
            lineNo: 1,
            sku: 'CREDIT',
            quantity: 1,
            unitPriceMinor: request.amountMinor,
            priceId: 'credit',
            lineStatus: 'ACTIVE',
            fulfillStatus: 'NOT_FULFILLED',
            reserved: 0,
            backordered: 0,
            allocations: [],
            kind: 'CHARGE',
            description: request.reason,
          },
        ],
      );
      // Billing credits it exactly as a received return with no goods and no handling charge.
      const event: ReturnReceivedEvent = {
        returnId: id,
        returnNumber: number,
        originalOrderId: original.id,
        originalOrderNumber: original.number,
        customerId: original.customerId,
        currency: original.currency,
        settlement: request.settlement ?? 'CREDIT_MEMO',
        handlingCharge: { description: request.reason, amountMinor: 0 },
        creditMinor: request.amountMinor,
        lines: [],
      };
      await this.outbox.add(em, OrdersSubjects.creditIssued, event);
    });
    return this.reader.get(id);
  }
}
