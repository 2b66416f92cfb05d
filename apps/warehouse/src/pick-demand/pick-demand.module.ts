import { Module } from '@nestjs/common';
import { LineChangesService } from './line-changes.service.js';
import { PickDemandHandler } from './pick-demand.handler.js';
import { PickDemandService } from './pick-demand.service.js';
import { ReleasedDemandService } from './released-demand.service.js';

@Module({
  controllers: [PickDemandHandler],
  providers: [PickDemandService, LineChangesService, ReleasedDemandService],
})
export class PickDemandModule {}
