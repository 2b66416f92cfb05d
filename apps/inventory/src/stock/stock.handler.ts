import { Controller, type OnModuleInit } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  InventorySubjects,
  type LedgerEntryView,
  ListStockRequest,
  type Page,
  ReceiveStockRequest,
  ReleaseStockRequest,
  type ReleaseStockReply,
  ReserveStockRequest,
  type ReserveStockReply,
  type ShipmentShippedEvent,
  type StockLevelView,
  WarehouseSubjects,
} from '#contracts';
import { AllowRoles, EventConsumers } from '#platform';
import { ReservationsService } from './reservations.service.js';
import { StockLevelsService } from './stock-levels.service.js';

@Controller()
export class StockHandler implements OnModuleInit {
  constructor(
    private readonly levels: StockLevelsService,
    private readonly reservations: ReservationsService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.on<ShipmentShippedEvent>(WarehouseSubjects.shipmentShipped, (event, em) =>
      this.reservations.consumeShipment(em, event.data),
    );
  }

  @MessagePattern(InventorySubjects.receiveStock)
  @AllowRoles('admin', 'warehouse')
  receive(@Payload() request: ReceiveStockRequest): Promise<StockLevelView> {
    return this.levels.receive(request);
  }

  @MessagePattern(InventorySubjects.listStock)
  list(@Payload() request: ListStockRequest): Promise<Page<StockLevelView>> {
    return this.levels.list(request);
  }

  @MessagePattern(InventorySubjects.listLedger)
  ledger(@Payload() request: ListStockRequest): Promise<Page<LedgerEntryView>> {
    return this.levels.ledger(request);
  }

  @MessagePattern(InventorySubjects.reserve)
  reserve(@Payload() request: ReserveStockRequest): Promise<ReserveStockReply> {
    return this.reservations.reserve(request);
  }

  @MessagePattern(InventorySubjects.release)
  release(@Payload() request: ReleaseStockRequest): Promise<ReleaseStockReply> {
    return this.reservations.release(request);
  }
}
