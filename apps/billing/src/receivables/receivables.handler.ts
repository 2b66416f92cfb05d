import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Payload } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { type AgingReport, AgingRequest, BillingSubjects } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { agingAsOf } from './aging.query.js';

@Controller()
export class ReceivablesHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Aging as of a day (today, UTC, when absent), per customer and in total. */
  @Handles(BillingSubjects.aging)
  @AllowRoles('admin', 'finance')
  aging(@Payload() request: AgingRequest): Promise<AgingReport> {
    return agingAsOf(
      this.dataSource,
      request.asOf?.slice(0, 10) ?? new Date().toISOString().slice(0, 10),
      request.customerId,
    );
  }
}
