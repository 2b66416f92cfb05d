import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BillingSubjects, ReverseOrderBillingRequest, type ReverseOrderBillingReply } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { OrderReversalService } from './order-reversal.service.js';

@Controller()
export class ReversalsHandler {
  constructor(private readonly reversal: OrderReversalService) {}

  /** Called by orders when an order is re-opened. */
  @Handles(BillingSubjects.reverseOrder)
  @AllowRoles('admin')
  reverse(@Payload() request: ReverseOrderBillingRequest): Promise<ReverseOrderBillingReply> {
    return this.reversal.reverse(request);
  }
}
