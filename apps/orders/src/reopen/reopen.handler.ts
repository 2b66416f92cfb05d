import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IdRequest, OrdersSubjects, type OrderView, ReopenOrderRequest } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { OrderReopenService } from './order-reopen.service.js';

@Controller()
export class ReopenHandler {
  constructor(private readonly reopening: OrderReopenService) {}

  @Handles(OrdersSubjects.reopenOrder)
  @AllowRoles('admin')
  reopen(@Payload() request: ReopenOrderRequest): Promise<OrderView> {
    return this.reopening.reopen(request.id, request.reason);
  }

  @Handles(OrdersSubjects.listReversals)
  @AllowRoles('admin', 'sales', 'finance')
  reversals(@Payload() request: IdRequest): Promise<unknown[]> {
    return this.reopening.reversals(request.id);
  }
}
