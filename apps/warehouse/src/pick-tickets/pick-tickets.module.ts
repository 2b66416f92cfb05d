import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ShipmentsModule } from '../shipments/shipments.module.js';
import { PackingService } from './packing.service.js';
import { PickTicketLineEntity, PickTicketEntity } from './pick-ticket.entity.js';
import { PickTicketGenerationService } from './pick-ticket-generation.service.js';
import { PickTicketQueryService } from './pick-ticket-query.service.js';
import { PickTicketsHandler } from './pick-tickets.handler.js';
import { PickingService } from './picking.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PickTicketEntity, PickTicketLineEntity]), ShipmentsModule],
  controllers: [PickTicketsHandler],
  providers: [PickTicketGenerationService, PickingService, PackingService, PickTicketQueryService],
  exports: [PickingService, PackingService, PickTicketQueryService],
})
export class PickTicketsModule {}
