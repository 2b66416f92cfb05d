import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  type CreateReturnRequest,
  type HandlingChargeInput,
  orderTypeRule,
  type OrderView,
  PricingSubjects,
} from '#contracts';
import { DomainError, SERVICE_CONFIG, ServiceClient } from '#platform';
import type { OrdersConfig } from '../config.js';
import { OrderReader } from '../orders/order-reader.js';
import { type NewLine, OrderWriter } from '../orders/order-writer.js';

export const HANDLING_CHARGE_SKU = 'RETURN_HANDLING';

interface PricedCharge {
  code: string;
  description: string;
  amountMinor: number;
}

/**
 * A Return: made by an admin from an original order that shipped something. It
 * lists the original's lines at quantity 0, to be filled in, at the original unit prices
 * (editable), plus a return handling charge line whose description and amount come from the
 * pricing charge code and can be overridden.
 */
@Injectable()
export class ReturnCreationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: OrderReader,
    private readonly writer: OrderWriter,
    private readonly services: ServiceClient,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async create(request: CreateReturnRequest): Promise<OrderView> {
    const original = await this.reader.get(request.originalOrderId);
    if (!orderTypeRule(original.type).returnable) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `${original.number} is a ${original.type}; only orders that shipped can be returned`,
      );
    }
    const shippedLines = original.lines.filter(
      (l) =>
        l.kind !== 'CHARGE' && l.kind !== 'COMPONENT' && (l.shippedQuantity > 0 || l.fulfillStatus === 'PRE_SHIPPED'),
    );
    if (shippedLines.length === 0) {
      throw new DomainError('ILLEGAL_TRANSITION', `${original.number} was never shipped; there is nothing to return`, {
        originalOrderId: original.id,
      });
    }
    const charge = await this.handlingCharge(original, request.handlingCharge);
    const id = randomUUID();
    const lines: NewLine[] = shippedLines.map((line, index) => ({
      id: randomUUID(),
      lineNo: index + 1,
      sku: line.sku,
      quantity: 0,
      unitPriceMinor: line.unitPriceMinor,
      priceId: line.priceId,
      lineStatus: 'ACTIVE',
      fulfillStatus: 'NOT_FULFILLED',
      reserved: 0,
      backordered: 0,
      allocations: line.allocations,
      refLineId: line.id,
    }));
    lines.push({
      id: randomUUID(),
      lineNo: lines.length + 1,
      sku: HANDLING_CHARGE_SKU,
      quantity: 1,
      unitPriceMinor: charge.amountMinor,
      priceId: `charge:${charge.code}`,
      lineStatus: 'ACTIVE',
      fulfillStatus: 'NOT_FULFILLED',
      reserved: 0,
      backordered: 0,
      allocations: [],
      kind: 'CHARGE',
      description: charge.description,
    });
    await this.dataSource.transaction((em) =>
      this.writer.insert(
        em,
        {
          id,
          type: 'RETURN',
          customerId: original.customerId,
          currency: original.currency,
          customerReference: original.customerReference,
          shipFromLocation: original.shipFromLocation,
          prepaid: false,
          priority: original.priority,
          refOrderId: original.id,
        },
        lines,
      ),
    );
    return this.reader.get(id);
  }

  /** The RETURN_HANDLING charge code from pricing, with the caller's overrides. */
  private async handlingCharge(original: OrderView, override?: HandlingChargeInput): Promise<PricedCharge> {
    const fallback = {
      code: HANDLING_CHARGE_SKU,
      description: override?.description ?? 'Return handling charge',
      amountMinor: override?.amountMinor ?? 0,
    };
    const line = original.lines.find((l) => l.kind === 'ITEM' || l.kind === 'KIT');
    if (!line) return fallback;
    try {
      const reply = await this.services.request(
        PricingSubjects.priceOrder,
        {
          currency: original.currency,
          customerId: original.customerId,
          includeFreight: false,
          charges: [
            { code: HANDLING_CHARGE_SKU, amountMinor: override?.amountMinor, description: override?.description },
          ],
          lines: [{ lineId: line.id, sku: line.sku, quantity: 1 }],
        },
        { timeoutMs: this.config.ORDERS_DOWNSTREAM_TIMEOUT_MS },
      );
      return reply.charges?.find((c) => c.code === HANDLING_CHARGE_SKU) ?? fallback;
    } catch (error) {
      // No RETURN_HANDLING charge set up in pricing (or no price any more): the overrides, else no charge.
      if (error instanceof DomainError && ['CHARGE_NOT_FOUND', 'PRICE_NOT_FOUND'].includes(error.code)) return fallback;
      throw error;
    }
  }
}
