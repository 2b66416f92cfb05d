import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IdRequest, type ShipmentView, ShipRequest, WarehouseSubjects } from '#contracts';
import { AllowRoles } from '#platform';
import { ShipmentQueryService } from './shipment-query.service.js';
import { ShippingService } from './shipping.service.js';

@Controller()
export class ShipmentsHandler {
  constructor(
    private readonly shipping: ShippingService,
    private readonly shipments: ShipmentQueryService,
  ) {}

  @MessagePattern(WarehouseSubjects.ship)
  @AllowRoles('admin', 'warehouse')
  ship(@Payload() request: ShipRequest): Promise<ShipmentView> {
    return this.shipping.ship(request);
  }

  @MessagePattern(WarehouseSubjects.getShipment)
  get(@Payload() request: IdRequest): Promise<ShipmentView> {
    return this.shipments.get(request.id);
  }
}
