import { Controller, type OnModuleInit } from '@nestjs/common';
import { InventorySubjects, OrdersSubjects } from '#contracts';
import { EventConsumers } from '#platform';
import { LineChangesService } from './line-changes.service.js';
import { PickDemandService } from './pick-demand.service.js';
import { ReleasedDemandService } from './released-demand.service.js';

/** Event edge: placed orders and released back-orders become pick demand; changes to their lines follow. */
@Controller()
export class PickDemandHandler implements OnModuleInit {
  constructor(
    private readonly demand: PickDemandService,
    private readonly consumers: EventConsumers,
    private readonly lineChanges: LineChangesService,
    private readonly released: ReleasedDemandService,
  ) {}

  onModuleInit(): void {
    this.consumers.on(OrdersSubjects.orderPlaced, { versions: [1] }, async (event, em) => {
      await this.demand.recordOrder(em, event.data);
    });
    this.consumers.on(OrdersSubjects.linesChanged, { versions: [1] }, (event, em) =>
      this.lineChanges.apply(em, event.data),
    );
    this.consumers.on(OrdersSubjects.orderBackordered, { versions: [1] }, (event, em) =>
      this.lineChanges.moveToBackorder(em, event.data),
    );
    this.consumers.on(OrdersSubjects.orderReopened, { versions: [1] }, (event, em) =>
      this.lineChanges.reopened(em, event.data),
    );
    this.consumers.on(InventorySubjects.backorderReleased, { versions: [1] }, (event, em) =>
      this.released.record(em, event.data),
    );
  }
}
