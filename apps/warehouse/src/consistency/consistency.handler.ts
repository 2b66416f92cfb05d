import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Payload } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import {
  type FactsPage,
  FactsPageRequest,
  type PickDemandFact,
  type TicketLineFact,
  WarehouseSubjects,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { openDemandFacts, ticketLineFacts } from './warehouse-facts.query.js';

/** What the warehouse knows, page by page, for the system-wide consistency check (the gateway compares). */
@Controller()
export class ConsistencyHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Handles(WarehouseSubjects.demandFacts)
  @AllowRoles('admin')
  demand(@Payload() request: FactsPageRequest): Promise<FactsPage<PickDemandFact>> {
    return openDemandFacts(this.dataSource, request);
  }

  @Handles(WarehouseSubjects.ticketLineFacts)
  @AllowRoles('admin')
  ticketLines(@Payload() request: FactsPageRequest): Promise<FactsPage<TicketLineFact>> {
    return ticketLineFacts(this.dataSource, request);
  }
}
