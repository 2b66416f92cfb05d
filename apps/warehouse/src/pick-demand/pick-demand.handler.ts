import { Controller, type OnModuleInit } from '@nestjs/common';
import { type LinesChangedEvent, type OrderBackorderedEvent, type OrderPlacedEvent, OrdersSubjects } from '#contracts';
import { EventConsumers } from '#platform';
import { LineChangesService } from './line-changes.service.js';
import { PickDemandService } from './pick-demand.service.js';

/** Event edge: placed orders become pick demand; changes to their lines follow. */
@Controller()
export class PickDemandHandler implements OnModuleInit {
  constructor(
    private readonly demand: PickDemandService,
    private readonly consumers: EventConsumers,
    private readonly lineChanges: LineChangesService,
  ) {}

  onModuleInit(): void {
    this.consumers.on<OrderPlacedEvent>(OrdersSubjects.orderPlaced, async (event, em) => {
      await this.demand.recordOrder(em, event.data);
    });
    this.consumers.on<LinesChangedEvent>(OrdersSubjects.linesChanged, (event, em) => this.lineChanges.apply(em, event.data));
    this.consumers.on<OrderBackorderedEvent>(OrdersSubjects.orderBackordered, (event, em) => this.lineChanges.moveToBackorder(em, event.data));
  }
}
