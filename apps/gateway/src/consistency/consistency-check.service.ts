import { Injectable } from '@nestjs/common';
import { FACTS_PAGE_MAX, type SystemConsistencyReport } from '#contracts';
import { NatsConnection, ServiceClient } from '#platform';
import { natsFactSources } from './nats-fact-sources.js';
import { checkSystem, DEFAULT_SETTLE_MS } from './system-check.js';

/** The system-wide consistency check behind `GET /admin/consistency`, asking the services as the calling admin. */
@Injectable()
export class ConsistencyCheckService {
  constructor(
    private readonly services: ServiceClient,
    private readonly nats: NatsConnection,
  ) {}

  run(options: { settleMs?: number } = {}): Promise<SystemConsistencyReport> {
    return checkSystem(natsFactSources(this.services, this.nats), {
      settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
      pageSize: FACTS_PAGE_MAX,
    });
  }
}
