import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Payload } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { type FactsPage, FactsPageRequest, type OrderLineFact, OrdersSubjects } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { lineFacts } from './line-facts.query.js';

/** What orders knows, page by page, for the system-wide consistency check (the gateway compares). */
@Controller()
export class ConsistencyHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Handles(OrdersSubjects.lineFacts)
  @AllowRoles('admin')
  lines(@Payload() request: FactsPageRequest): Promise<FactsPage<OrderLineFact>> {
    return lineFacts(this.dataSource, request);
  }
}
