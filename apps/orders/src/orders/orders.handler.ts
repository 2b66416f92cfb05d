import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  IdRequest,
  KnownOrdersRequest,
  type KnownOrdersReply,
  ListOrdersRequest,
  OrdersSubjects,
  type OrderView,
  type Page,
  PlaceOrderRequest,
} from '#contracts';
import { AllowRoles, currentContext, Handles } from '#platform';
import { OrderCancellationService } from './order-cancellation.service.js';
import { OrderPlacementService } from './order-placement.service.js';
import { OrderReader } from './order-reader.js';

@Controller()
export class OrdersHandler {
  constructor(
    private readonly placement: OrderPlacementService,
    private readonly reader: OrderReader,
    private readonly cancellation: OrderCancellationService,
  ) {}

  @Handles(OrdersSubjects.placeOrder)
  @AllowRoles('admin', 'sales', 'customer')
  place(@Payload() request: PlaceOrderRequest): Promise<OrderView> {
    return this.placement.place(request);
  }

  @Handles(OrdersSubjects.cancelOrder)
  @AllowRoles('admin', 'sales')
  cancel(@Payload() request: IdRequest): Promise<OrderView> {
    return this.cancellation.cancel(request.id);
  }

  @Handles(OrdersSubjects.getOrder)
  get(@Payload() request: IdRequest): Promise<OrderView> {
    return this.reader.get(request.id, currentContext()?.caller);
  }

  @Handles(OrdersSubjects.knownOrders)
  @AllowRoles('admin')
  known(@Payload() request: KnownOrdersRequest): Promise<KnownOrdersReply> {
    return this.reader.known(request.orderIds);
  }

  @Handles(OrdersSubjects.listOrders)
  list(@Payload() request: ListOrdersRequest): Promise<Page<OrderView>> {
    return this.reader.list(request, currentContext()?.caller);
  }
}
