import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OrdersSubjects, ProcessRecurringRequest, type ProcessRecurringReply } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { RecurringOrdersService } from './recurring-orders.service.js';

@Controller()
export class RecurringHandler {
  constructor(private readonly recurring: RecurringOrdersService) {}

  @Handles(OrdersSubjects.processRecurring)
  @AllowRoles('admin')
  process(@Payload() request: ProcessRecurringRequest): Promise<ProcessRecurringReply> {
    return this.recurring.process(request.asOf ?? new Date().toISOString().slice(0, 10));
  }
}
