import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { DataSource } from 'typeorm';
import { type DraftProblem, type OrderType, PlaceOrderRequest } from '#contracts';
import { rows, toFieldErrors } from '#platform';
import type { BatchRow, DraftCheck } from './batch-views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The batch facts a draft is checked against. */
export type DraftBatch = Pick<BatchRow, 'kind' | 'default_customer_id'>;

/**
 * Checks drafts the way placing them will: the PlaceOrderRequest rules of the API (strict,
 * unknown fields refused), the batch's rules (a counter batch posts one-step INVOICE orders),
 * and that the customer exists. Stock and prices are left to posting, which reports them.
 */
@Injectable()
export class DraftValidator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(
    batch: DraftBatch,
    drafts: ReadonlyArray<{ id: string; body: Record<string, unknown> }>,
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
    const known = new Set(
      (
        await rows<{ id: string }>(this.dataSource, `SELECT id FROM orders.customers WHERE id = ANY($1::uuid[])`, [ids])
      ).map((r) => r.id),
    );
    for (const check of checks.values()) {
      const customerId = check.order.customerId;
      if (typeof customerId === 'string' && UUID.test(customerId) && !known.has(customerId)) {
        check.problems.push({ field: 'customerId', problems: [`no customer with id ${customerId}`] });
      }
    }
    return checks;
  }

  private async checkShape(batch: DraftBatch, body: Record<string, unknown>): Promise<DraftCheck> {
    const order = effectiveOrder(batch, body);
    const problems: DraftProblem[] = [];
    if (batch.kind === 'COUNTER' && order.type !== 'INVOICE') {
      problems.push({ field: 'type', problems: ['a counter batch posts one-step INVOICE orders only'] });
    }
    const instance = plainToInstance(PlaceOrderRequest, order);
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
    });
    problems.push(...toFieldErrors(errors));
    const orderType = typeof order.type === 'string' ? (order.type as OrderType) : 'ORDER';
    return { order, orderType, problems };
  }
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
