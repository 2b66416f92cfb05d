import { Module } from '@nestjs/common';
import { ShipmentQueryService } from './shipment-query.service.js';
import { ShipmentsHandler } from './shipments.handler.js';
import { ShippingService } from './shipping.service.js';

@Module({
  controllers: [ShipmentsHandler],
  providers: [ShippingService, ShipmentQueryService],
  exports: [ShippingService, ShipmentQueryService],
})
export class ShipmentsModule {}
