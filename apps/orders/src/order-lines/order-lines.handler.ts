import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type LineActionReply, LineActionRequest, OrdersSubjects, PreShipRequest } from '#contracts';
import { AllowRoles } from '#platform';
import { LineActionsService } from './line-actions.service.js';

@Controller()
export class OrderLinesHandler {
  constructor(private readonly actions: LineActionsService) {}

  @MessagePattern(OrdersSubjects.holdLine)
  @AllowRoles('admin', 'sales')
  hold(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.hold(request.orderId, request.lineId);
  }

  @MessagePattern(OrdersSubjects.activateLine)
  @AllowRoles('admin', 'sales')
  activate(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.makeActive(request.orderId, request.lineId);
  }

  @MessagePattern(OrdersSubjects.preShipLine)
  @AllowRoles('admin', 'sales', 'warehouse')
  preShip(@Payload() request: PreShipRequest): Promise<LineActionReply> {
    return this.actions.preShip(request);
  }

  @MessagePattern(OrdersSubjects.cancelLine)
  @AllowRoles('admin', 'sales')
  cancel(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.cancel(request.orderId, request.lineId);
  }

  @MessagePattern(OrdersSubjects.terminateLine)
  @AllowRoles('admin', 'sales')
  terminate(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.terminate(request.orderId, request.lineId);
  }
}
