import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IdRequest, type ShipmentView, ShipRequest, WarehouseSubjects } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { ShipmentQueryService } from './shipment-query.service.js';
import { ShippingService } from './shipping.service.js';

@Controller()
export class ShipmentsHandler {
  constructor(
    private readonly shipping: ShippingService,
    private readonly shipments: ShipmentQueryService,
  ) {}

  @Handles(WarehouseSubjects.ship)
  @AllowRoles('admin', 'warehouse')
  ship(@Payload() request: ShipRequest): Promise<ShipmentView> {
    return this.shipping.ship(request);
  }

  @Handles(WarehouseSubjects.getShipment)
  get(@Payload() request: IdRequest): Promise<ShipmentView> {
    return this.shipments.get(request.id);
  }
}
