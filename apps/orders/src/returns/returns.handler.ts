import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateReturnRequest, OrdersSubjects, type OrderView, ReceiveReturnRequest, UpdateHandlingChargeRequest, UpdateReturnLineRequest } from '#contracts';
import { AllowRoles } from '#platform';
import { ReturnCreationService } from './return-creation.service.js';
import { ReturnProcessingService } from './return-processing.service.js';

/** Returns are made by admins only (domain 004). */
@Controller()
export class ReturnsHandler {
  constructor(
    private readonly creation: ReturnCreationService,
    private readonly processing: ReturnProcessingService,
  ) {}

  @MessagePattern(OrdersSubjects.createReturn)
  @AllowRoles('admin')
  create(@Payload() request: CreateReturnRequest): Promise<OrderView> {
    return this.creation.create(request);
  }

  @MessagePattern(OrdersSubjects.updateReturnLine)
  @AllowRoles('admin')
  updateLine(@Payload() request: UpdateReturnLineRequest): Promise<OrderView> {
    return this.processing.updateLine(request);
  }

  @MessagePattern(OrdersSubjects.updateHandlingCharge)
  @AllowRoles('admin')
  updateCharge(@Payload() request: UpdateHandlingChargeRequest): Promise<OrderView> {
    return this.processing.updateCharge(request);
  }

  @MessagePattern(OrdersSubjects.receiveReturn)
  @AllowRoles('admin')
  receive(@Payload() request: ReceiveReturnRequest): Promise<OrderView> {
    return this.processing.receive(request);
  }
}
