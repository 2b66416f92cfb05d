import { Controller, type OnModuleInit } from '@nestjs/common';
import { type OrderPlacedEvent, OrdersSubjects } from '#contracts';
import { EventConsumers } from '#platform';
import { OrderCopiesService } from './order-copies.service.js';

/** Event edge: keeps billing's copy of every placed order. No request handlers. */
@Controller()
export class OrdersHandler implements OnModuleInit {
  constructor(
    private readonly orders: OrderCopiesService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.on<OrderPlacedEvent>(OrdersSubjects.orderPlaced, (event, em) => this.orders.record(em, event.data));
  }
}
