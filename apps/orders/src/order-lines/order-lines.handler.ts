import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddLineRequest,
  ChangeLineQuantityRequest,
  type LineActionReply,
  LineActionRequest,
  type LineEditReply,
  OrdersSubjects,
  PreShipRequest,
} from '#contracts';
import { AllowRoles, currentContext, Handles } from '#platform';
import { OrderReader } from '../orders/order-reader.js';
import { LineActionsService } from './line-actions.service.js';
import { LineEditingService } from './line-editing.service.js';

@Controller()
export class OrderLinesHandler {
  constructor(
    private readonly actions: LineActionsService,
    private readonly editing: LineEditingService,
    private readonly reader: OrderReader,
  ) {}

  @Handles(OrdersSubjects.holdLine)
  @AllowRoles('admin', 'sales')
  hold(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.hold(request.orderId, request.lineId);
  }

  @Handles(OrdersSubjects.activateLine)
  @AllowRoles('admin', 'sales')
  activate(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.makeActive(request.orderId, request.lineId);
  }

  @Handles(OrdersSubjects.preShipLine)
  @AllowRoles('admin', 'sales', 'warehouse')
  preShip(@Payload() request: PreShipRequest): Promise<LineActionReply> {
    return this.actions.preShip(request);
  }

  @Handles(OrdersSubjects.cancelLine)
  @AllowRoles('admin', 'sales')
  cancel(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.cancel(request.orderId, request.lineId);
  }

  @Handles(OrdersSubjects.changeLineQuantity)
  @AllowRoles('admin', 'sales', 'customer')
  changeQuantity(@Payload() request: ChangeLineQuantityRequest): Promise<LineEditReply> {
    return this.ownOrder(request.orderId).then(() =>
      this.editing.changeQuantity(request.orderId, request.lineId, request.quantity),
    );
  }

  @Handles(OrdersSubjects.addLine)
  @AllowRoles('admin', 'sales', 'customer')
  addLine(@Payload() request: AddLineRequest): Promise<LineEditReply> {
    return this.ownOrder(request.orderId).then(() => this.editing.addLine(request));
  }

  @Handles(OrdersSubjects.removeLine)
  @AllowRoles('admin', 'sales', 'customer')
  removeLine(@Payload() request: LineActionRequest): Promise<LineEditReply> {
    return this.ownOrder(request.orderId).then(() => this.editing.removeLine(request.orderId, request.lineId));
  }

  /** A customer edits only its own orders. */
  private async ownOrder(orderId: string): Promise<void> {
    const caller = currentContext()?.caller;
    if (caller?.role === 'customer') await this.reader.get(orderId, caller);
  }

  @Handles(OrdersSubjects.terminateLine)
  @AllowRoles('admin', 'sales')
  terminate(@Payload() request: LineActionRequest): Promise<LineActionReply> {
    return this.actions.terminate(request.orderId, request.lineId);
  }
}
