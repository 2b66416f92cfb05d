import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Payload } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { type FactsPage, FactsPageRequest, InventorySubjects, type ReservedLineFact } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { reservedLineFacts } from './reserved-line-facts.query.js';

/** What inventory holds, page by page, for the system-wide consistency check (the gateway compares). */
@Controller()
export class ConsistencyHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Handles(InventorySubjects.reservationFacts)
  @AllowRoles('admin')
  reservedLines(@Payload() request: FactsPageRequest): Promise<FactsPage<ReservedLineFact>> {
    return reservedLineFacts(this.dataSource, request);
  }
}
