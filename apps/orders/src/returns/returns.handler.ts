import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateCreditMemoRequest,
  CreateReturnRequest,
  OrdersSubjects,
  type OrderView,
  ReceiveReturnRequest,
  UpdateHandlingChargeRequest,
  UpdateReturnLineRequest,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { CreditMemoService } from './credit-memo.service.js';
import { ReturnCreationService } from './return-creation.service.js';
import { ReturnProcessingService } from './return-processing.service.js';

/** "Returns can only be created by permitted Administrators"; credit memos by admins and finance. */
@Controller()
export class ReturnsHandler {
  constructor(
    private readonly creation: ReturnCreationService,
    private readonly processing: ReturnProcessingService,
    private readonly creditMemos: CreditMemoService,
  ) {}

  @Handles(OrdersSubjects.createReturn)
  @AllowRoles('admin')
  create(@Payload() request: CreateReturnRequest): Promise<OrderView> {
    return this.creation.create(request);
  }

  @Handles(OrdersSubjects.updateReturnLine)
  @AllowRoles('admin')
  updateLine(@Payload() request: UpdateReturnLineRequest): Promise<OrderView> {
    return this.processing.updateLine(request);
  }

  @Handles(OrdersSubjects.updateHandlingCharge)
  @AllowRoles('admin')
  updateCharge(@Payload() request: UpdateHandlingChargeRequest): Promise<OrderView> {
    return this.processing.updateCharge(request);
  }

  @Handles(OrdersSubjects.createCreditMemo)
  @AllowRoles('admin', 'finance')
  createCreditMemo(@Payload() request: CreateCreditMemoRequest): Promise<OrderView> {
    return this.creditMemos.create(request);
  }

  @Handles(OrdersSubjects.receiveReturn)
  @AllowRoles('admin')
  receive(@Payload() request: ReceiveReturnRequest): Promise<OrderView> {
    return this.processing.receive(request);
  }
}
