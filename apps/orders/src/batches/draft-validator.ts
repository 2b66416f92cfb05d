import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  type Currency,
  type DraftProblem,
  InventorySubjects,
  isOrderType,
  orderTypeRule,
  PlaceOrderRequest,
  PricingSubjects,
} from '#contracts';
import { DomainError, rows, ServiceClient, toFieldErrors } from '#platform';
import type { BatchRow, DraftCheck } from './batch-views.js';

/** How many drafts are priced at once when a batch is checked against the catalog. */
const PRICING_CONCURRENCY = 8;
/** The most SKUs one item look-up asks for. */
const LOOKUP_CHUNK = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The batch facts a draft is checked against. */
export type DraftBatch = Pick<BatchRow, 'kind' | 'default_customer_id'>;

/**
 * Checks drafts the way placing them will: the PlaceOrderRequest rules of the API (strict,
 * unknown fields refused), the batch's rules (a counter batch posts one-step INVOICE orders),
 * and that the customer exists. With `catalog` (review, import, a draft added or replaced) it
 * also asks inventory whether every SKU is an item and pricing whether every line has a price
 * for the customer, as placing the order will; stock is left to posting (a line without stock
 * is back-ordered, not refused).
 */
@Injectable()
export class DraftValidator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServiceClient,
  ) {}

  async check(
    batch: DraftBatch,
    drafts: ReadonlyArray<{ id: string; body: Record<string, unknown> }>,
    options: { catalog?: boolean } = {},
  ): Promise<Map<string, DraftCheck>> {
    const checks = new Map<string, DraftCheck>();
    for (const draft of drafts) checks.set(draft.id, await this.checkShape(batch, draft.body));
    const ids = [
      ...new Set(
        [...checks.values()]
          .map((c) => c.order.customerId)
          .filter((id): id is string => typeof id === 'string' && UUID.test(id)),
      ),
    ];
    const known = new Map(
      (
        await rows<{ id: string; currency: string }>(
          this.dataSource,
          `SELECT id, currency FROM orders.customers WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      ).map((r) => [r.id, r.currency.trim() as Currency]),
    );
    for (const check of checks.values()) {
      const customerId = check.order.customerId;
      if (typeof customerId === 'string' && UUID.test(customerId) && !known.has(customerId)) {
        check.problems.push({ field: 'customerId', problems: [`no customer with id ${customerId}`] });
      }
    }
    if (options.catalog) await this.checkCatalog([...checks.values()], known);
    return checks;
  }

  /** Unknown items and lines without a price, on drafts that are otherwise sound. */
  private async checkCatalog(checks: DraftCheck[], currencies: Map<string, Currency>): Promise<void> {
    const sound = checks.filter((c) => c.problems.length === 0);
    const skus = [...new Set(sound.flatMap((c) => draftLines(c).map((l) => l.sku)))];
    const unknown = new Set<string>();
    for (let i = 0; i < skus.length; i += LOOKUP_CHUNK) {
      const reply = await this.services.request(InventorySubjects.lookupItems, {
        skus: skus.slice(i, i + LOOKUP_CHUNK),
      });
      for (const sku of reply.unknown) unknown.add(sku);
    }
    for (const check of sound) {
      draftLines(check).forEach((line, index) => {
        if (unknown.has(line.sku)) {
          check.problems.push({ field: `lines[${index}].sku`, problems: [`unknown item ${line.sku}`] });
        }
      });
    }
    const priceable = sound.filter((c) => c.problems.length === 0);
    for (let i = 0; i < priceable.length; i += PRICING_CONCURRENCY) {
      await Promise.all(
        priceable
          .slice(i, i + PRICING_CONCURRENCY)
          .map((c) => this.checkPrices(c, currencies.get(String(c.order.customerId)))),
      );
    }
  }

  private async checkPrices(check: DraftCheck, currency: Currency | undefined): Promise<void> {
    if (!currency) return;
    const lines = draftLines(check);
    try {
      await this.services.request(PricingSubjects.priceOrder, {
        currency,
        customerId: String(check.order.customerId),
        lines: lines.map((l) => ({ lineId: randomUUID(), sku: l.sku, quantity: l.quantity })),
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'PRICE_NOT_FOUND') throw error;
      const missing = new Set((error.details as { skus?: string[] } | undefined)?.skus ?? []);
      lines.forEach((line, index) => {
        if (missing.has(line.sku)) {
          check.problems.push({ field: `lines[${index}].sku`, problems: [`no price for ${line.sku} in ${currency}`] });
        }
      });
      if (missing.size === 0) check.problems.push({ field: 'lines', problems: [error.message] });
    }
  }

  private async checkShape(batch: DraftBatch, body: Record<string, unknown>): Promise<DraftCheck> {
    const order = effectiveOrder(batch, body);
    const problems: DraftProblem[] = [];
    if (batch.kind === 'COUNTER' && !(isOrderType(order.type) && orderTypeRule(order.type).billedAtEntry)) {
      problems.push({ field: 'type', problems: ['a counter batch posts one-step INVOICE orders only'] });
    }
    const instance = plainToInstance(PlaceOrderRequest, order);
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
    });
    problems.push(...toFieldErrors(errors));
    const orderType = isOrderType(order.type) ? order.type : 'ORDER';
    return { order, orderType, problems };
  }
}

/** A sound draft's lines (its shape was validated, so each has a SKU and a quantity). */
function draftLines(check: DraftCheck): Array<{ sku: string; quantity: number }> {
  return (check.order.lines as Array<{ sku: string; quantity: number }> | undefined) ?? [];
}

/** The order posting places: the batch's default customer when the draft names none; a counter batch's type is INVOICE. */
export function effectiveOrder(batch: DraftBatch, body: Record<string, unknown>): Record<string, unknown> {
  const order = { ...body };
  if (
    (order.customerId === undefined || order.customerId === null || order.customerId === '') &&
    batch.default_customer_id
  ) {
    order.customerId = batch.default_customer_id;
  }
  if (batch.kind === 'COUNTER' && order.type === undefined) order.type = 'INVOICE';
  return order;
}
