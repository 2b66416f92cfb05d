import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BATCH_NUMBER_PREFIX, type BatchView, type CreateBatchRequest, type FieldError } from '#contracts';
import { auditActorOf, currentContext, DomainError, rows, validationFailed } from '#platform';
import { BatchStore } from './batch-store.js';

/** Opens a batch owned by the caller; a counter batch needs a default customer and payment method. */
@Injectable()
export class BatchCreationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: BatchStore,
  ) {}

  async create(request: CreateBatchRequest): Promise<BatchView> {
    const kind = request.kind ?? 'STANDARD';
    const problems: FieldError[] = [];
    if (kind === 'COUNTER' && !request.defaultCustomerId)
      problems.push({ field: 'defaultCustomerId', problems: ['a COUNTER batch needs a default customer'] });
    if (kind === 'COUNTER' && !request.defaultPaymentMethod) {
      problems.push({ field: 'defaultPaymentMethod', problems: ['a COUNTER batch needs a default payment method'] });
    }
    if (kind === 'STANDARD' && request.defaultPaymentMethod) {
      problems.push({ field: 'defaultPaymentMethod', problems: ['only a COUNTER batch takes payments'] });
    }
    if (problems.length) throw validationFailed(problems);
    if (request.defaultCustomerId) await this.assertCustomer(request.defaultCustomerId);
    const id = randomUUID();
    const owner = auditActorOf(currentContext()?.caller);
    await this.dataSource.transaction(async (em) => {
      const [{ value }] = await rows<{ value: string }>(
        em,
        `UPDATE orders.counters SET value = value + 1 WHERE name = 'batch' RETURNING value`,
      );
      await em.query(
        `INSERT INTO orders.batches (id, number, name, kind, owner, default_customer_id, default_payment_method) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          `${BATCH_NUMBER_PREFIX}-${String(value).padStart(6, '0')}`,
          request.name,
          kind,
          owner,
          request.defaultCustomerId ?? null,
          request.defaultPaymentMethod ?? null,
        ],
      );
    });
    return this.store.view(id);
  }

  private async assertCustomer(customerId: string): Promise<void> {
    const [found] = await rows(this.dataSource, `SELECT id FROM orders.customers WHERE id = $1`, [customerId]);
    if (!found) throw new DomainError('CUSTOMER_NOT_FOUND', `No customer with id ${customerId}`, { customerId });
  }
}
