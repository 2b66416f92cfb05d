import { Controller, type OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  InventorySubjects,
  type MoveReservationReply,
  MoveReservationRequest,
  OrdersSubjects,
  ReleaseStockRequest,
  type ReleaseStockReply,
  ReserveStockRequest,
  type ReverseOrderStockReply,
  ReverseOrderStockRequest,
  type ReserveStockReply,
  WarehouseSubjects,
} from '#contracts';
import { AllowRoles, EventConsumers, Handles } from '#platform';
import { LineChangesService } from './line-changes.service.js';
import { LineTransferService } from './line-transfer.service.js';
import { OrderPlacedService } from './order-placed.service.js';
import { OrderReversalService } from './order-reversal.service.js';
import { ReservationMoveService } from './reservation-move.service.js';
import { ReservationReleaseService } from './reservation-release.service.js';
import { ReservationService } from './reservation.service.js';
import { ShipmentConsumptionService } from './shipment-consumption.service.js';

/** Reserve and release are called by orders on behalf of its caller, so any role may; moving is for the warehouse. */
@Controller()
export class ReservationsHandler implements OnModuleInit {
  constructor(
    private readonly reservations: ReservationService,
    private readonly releases: ReservationReleaseService,
    private readonly moves: ReservationMoveService,
    private readonly shipments: ShipmentConsumptionService,
    private readonly transfers: LineTransferService,
    private readonly lineChanges: LineChangesService,
    private readonly placed: OrderPlacedService,
    private readonly reversals: OrderReversalService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.on(WarehouseSubjects.shipmentShipped, { versions: [1] }, (event, em) =>
      this.shipments.consume(em, event.data),
    );
    this.consumers.on(OrdersSubjects.orderBackordered, { versions: [1] }, (event, em) =>
      this.transfers.transfer(em, event.data),
    );
    this.consumers.on(OrdersSubjects.linesChanged, { versions: [1] }, (event, em) =>
      this.lineChanges.apply(em, event.data),
    );
    this.consumers.on(OrdersSubjects.orderPlaced, { versions: [1] }, (event, em) => this.placed.apply(em, event.data));
  }

  @Handles(InventorySubjects.reserve)
  reserve(@Payload() request: ReserveStockRequest): Promise<ReserveStockReply> {
    return this.reservations.reserve(request);
  }

  @Handles(InventorySubjects.resize)
  resize(@Payload() request: ReserveStockRequest): Promise<ReserveStockReply> {
    return this.reservations.resize(request);
  }

  @Handles(InventorySubjects.release)
  release(@Payload() request: ReleaseStockRequest): Promise<ReleaseStockReply> {
    return this.releases.release(request);
  }

  @Handles(InventorySubjects.moveReservation)
  @AllowRoles('admin', 'warehouse')
  move(@Payload() request: MoveReservationRequest): Promise<MoveReservationReply> {
    return this.moves.move(request);
  }

  @Handles(InventorySubjects.reverseOrder)
  @AllowRoles('admin')
  reverse(@Payload() request: ReverseOrderStockRequest): Promise<ReverseOrderStockReply> {
    return this.reversals.reverse(request);
  }
}
