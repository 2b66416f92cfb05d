import { Controller, type OnModuleInit } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  InventorySubjects,
  type MoveReservationReply,
  MoveReservationRequest,
  type LinesChangedEvent,
  type OrderBackorderedEvent,
  type OrderPlacedEvent,
  OrdersSubjects,
  ReleaseStockRequest,
  type ReleaseStockReply,
  ReserveStockRequest,
  type ReverseOrderStockReply,
  ReverseOrderStockRequest,
  type ReserveStockReply,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import { AllowRoles, EventConsumers } from '#platform';
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
    this.consumers.on<ShipmentShippedEvent>(WarehouseSubjects.shipmentShipped, (event, em) =>
      this.shipments.consume(em, event.data),
    );
    this.consumers.on<OrderBackorderedEvent>(OrdersSubjects.orderBackordered, (event, em) =>
      this.transfers.transfer(em, event.data),
    );
    this.consumers.on<LinesChangedEvent>(OrdersSubjects.linesChanged, (event, em) =>
      this.lineChanges.apply(em, event.data),
    );
    this.consumers.on<OrderPlacedEvent>(OrdersSubjects.orderPlaced, (event, em) => this.placed.apply(em, event.data));
  }

  @MessagePattern(InventorySubjects.reserve)
  reserve(@Payload() request: ReserveStockRequest): Promise<ReserveStockReply> {
    return this.reservations.reserve(request);
  }

  @MessagePattern(InventorySubjects.resize)
  resize(@Payload() request: ReserveStockRequest): Promise<ReserveStockReply> {
    return this.reservations.resize(request);
  }

  @MessagePattern(InventorySubjects.release)
  release(@Payload() request: ReleaseStockRequest): Promise<ReleaseStockReply> {
    return this.releases.release(request);
  }

  @MessagePattern(InventorySubjects.moveReservation)
  @AllowRoles('admin', 'warehouse')
  move(@Payload() request: MoveReservationRequest): Promise<MoveReservationReply> {
    return this.moves.move(request);
  }

  @MessagePattern(InventorySubjects.reverseOrder)
  @AllowRoles('admin')
  reverse(@Payload() request: ReverseOrderStockRequest): Promise<ReverseOrderStockReply> {
    return this.reversals.reverse(request);
  }
}
