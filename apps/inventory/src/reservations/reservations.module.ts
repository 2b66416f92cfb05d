import { Module } from '@nestjs/common';
import { BackordersModule } from '../backorders/backorders.module.js';
import { LineChangesService } from './line-changes.service.js';
import { LineTransferService } from './line-transfer.service.js';
import { OrderPlacedService } from './order-placed.service.js';
import { OrderReversalService } from './order-reversal.service.js';
import { ReservationMoveService } from './reservation-move.service.js';
import { ReservationReleaseService } from './reservation-release.service.js';
import { ReservationService } from './reservation.service.js';
import { ReservationsHandler } from './reservations.handler.js';
import { ShipmentConsumptionService } from './shipment-consumption.service.js';
import { UnconfirmedReservationsService } from './unconfirmed-reservations.service.js';

@Module({
  imports: [BackordersModule],
  controllers: [ReservationsHandler],
  providers: [
    ReservationService,
    ReservationReleaseService,
    ReservationMoveService,
    ShipmentConsumptionService,
    LineTransferService,
    LineChangesService,
    OrderPlacedService,
    OrderReversalService,
    UnconfirmedReservationsService,
  ],
})
export class ReservationsModule {}
