import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdRequest, OrdersSubjects, type OrderView, ReopenOrderRequest } from '#contracts';
import { AllowRoles } from '#platform';
import { OrderReopenService } from './order-reopen.service.js';

@Controller()
export class ReopenHandler {
  constructor(private readonly reopening: OrderReopenService) {}

  @MessagePattern(OrdersSubjects.reopenOrder)
  @AllowRoles('admin')
  reopen(@Payload() request: ReopenOrderRequest): Promise<OrderView> {
    return this.reopening.reopen(request.id, request.reason);
  }

  @MessagePattern(OrdersSubjects.listReversals)
  @AllowRoles('admin', 'sales', 'finance')
  reversals(@Payload() request: IdRequest): Promise<unknown[]> {
    return this.reopening.reversals(request.id);
  }
}
