import { Module } from '@nestjs/common';
import { PickDemandHandler } from './pick-demand.handler.js';
import { PickDemandService } from './pick-demand.service.js';

@Module({
  controllers: [PickDemandHandler],
  providers: [PickDemandService],
})
export class PickDemandModule {}
