import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Metrics, rows } from '#platform';

/**
 * `o2c_idempotency_in_progress` on the gateway's /metrics: Idempotency-Keys whose first request
 * has not finished (IN_PROGRESS). A few while traffic flows; a number that only grows means
 * attempts that died holding their lease (a retry after IDEMPOTENCY_LEASE_MS takes such a key over).
 */
@Injectable()
export class IdempotencyMetrics {
  constructor(metrics: Metrics, @InjectDataSource() dataSource: DataSource) {
    metrics.scrapeGauge(
      'o2c_idempotency_in_progress',
      'Idempotency-Keys whose request is still in progress (or died holding its lease)',
      async () => {
        const [row] = await rows<{ n: number }>(
          dataSource,
          `SELECT count(*)::int AS n FROM gateway.idempotency WHERE state = 'IN_PROGRESS'`,
        );
        return [{ value: row.n }];
      },
    );
  }
}
