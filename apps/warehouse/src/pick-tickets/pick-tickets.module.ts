import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module.js';
import { PackingService } from './packing.service.js';
import { PickTicketGenerationService } from './pick-ticket-generation.service.js';
import { PickTicketQueryService } from './pick-ticket-query.service.js';
import { PickTicketsHandler } from './pick-tickets.handler.js';
import { PickingService } from './picking.service.js';

@Module({
  imports: [ShipmentsModule],
  controllers: [PickTicketsHandler],
  providers: [PickTicketGenerationService, PickingService, PackingService, PickTicketQueryService],
  exports: [PickingService, PackingService, PickTicketQueryService],
})
export class PickTicketsModule {}
