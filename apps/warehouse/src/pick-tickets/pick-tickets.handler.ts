import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ConfirmPicksRequest,
  GeneratePickTicketsRequest,
  IdRequest,
  ListPickTicketsRequest,
  PackRequest,
  type Page,
  type PickTicketView,
  type ShipmentView,
  WarehouseSubjects,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { PackingService } from './packing.service.js';
import { PickTicketGenerationService } from './pick-ticket-generation.service.js';
import { PickTicketQueryService } from './pick-ticket-query.service.js';
import { PickingService } from './picking.service.js';

@Controller()
export class PickTicketsHandler {
  constructor(
    private readonly generation: PickTicketGenerationService,
    private readonly picking: PickingService,
    private readonly packing: PackingService,
    private readonly tickets: PickTicketQueryService,
  ) {}

  @Handles(WarehouseSubjects.generatePickTickets)
  @AllowRoles('admin', 'warehouse')
  generate(@Payload() request: GeneratePickTicketsRequest): Promise<PickTicketView[]> {
    return this.generation.generate(request);
  }

  @Handles(WarehouseSubjects.getPickTicket)
  get(@Payload() request: IdRequest): Promise<PickTicketView> {
    return this.tickets.get(request.id);
  }

  @Handles(WarehouseSubjects.listPickTickets)
  list(@Payload() request: ListPickTicketsRequest): Promise<Page<PickTicketView>> {
    return this.tickets.list(request);
  }

  @Handles(WarehouseSubjects.confirmPicks)
  @AllowRoles('admin', 'warehouse')
  pick(@Payload() request: ConfirmPicksRequest): Promise<PickTicketView> {
    return this.picking.confirm(request);
  }

  @Handles(WarehouseSubjects.pack)
  @AllowRoles('admin', 'warehouse')
  pack(@Payload() request: PackRequest): Promise<ShipmentView> {
    return this.packing.pack(request);
  }
}
