import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContainerEntity, ContainerLineEntity, ShipmentEntity } from './shipment.entity.js';
import { ShipmentQueryService } from './shipment-query.service.js';
import { ShipmentsHandler } from './shipments.handler.js';
import { ShippingService } from './shipping.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ShipmentEntity, ContainerEntity, ContainerLineEntity])],
  controllers: [ShipmentsHandler],
  providers: [ShippingService, ShipmentQueryService],
  exports: [ShippingService, ShipmentQueryService],
})
export class ShipmentsModule {}
