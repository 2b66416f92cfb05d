import { Controller, type OnModuleInit } from '@nestjs/common';
import { type OrderPlacedEvent, OrdersSubjects } from '#contracts';
import { EventConsumers } from '#platform';
import { PickDemandService } from './pick-demand.service.js';

/** Event edge: placed orders become pick demand. */
@Controller()
export class PickDemandHandler implements OnModuleInit {
  constructor(
    private readonly demand: PickDemandService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.on<OrderPlacedEvent>(OrdersSubjects.orderPlaced, async (event, em) => {
      await this.demand.recordOrder(em, event.data);
    });
  }
}
