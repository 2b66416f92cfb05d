import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCreditMemoRequest,
  CreateReturnRequest,
  OrdersSubjects,
  type OrderView,
  ReceiveReturnRequest,
  UpdateHandlingChargeRequest,
  UpdateReturnLineRequest,
} from '#contracts';
import { AllowRoles } from '#platform';
import { CreditMemoService } from './credit-memo.service.js';
import { ReturnCreationService } from './return-creation.service.js';
import { ReturnProcessingService } from './return-processing.service.js';

/** Returns are made by admins only (domain 004); credit memos by admins and finance. */
@Controller()
export class ReturnsHandler {
  constructor(
    private readonly creation: ReturnCreationService,
    private readonly processing: ReturnProcessingService,
    private readonly creditMemos: CreditMemoService,
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

  @MessagePattern(OrdersSubjects.createCreditMemo)
  @AllowRoles('admin', 'finance')
  createCreditMemo(@Payload() request: CreateCreditMemoRequest): Promise<OrderView> {
    return this.creditMemos.create(request);
  }

  @MessagePattern(OrdersSubjects.receiveReturn)
  @AllowRoles('admin')
  receive(@Payload() request: ReceiveReturnRequest): Promise<OrderView> {
    return this.processing.receive(request);
  }
}
