import { Controller, type OnModuleInit } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AdjustStockRequest,
  AvailabilityRequest,
  type AvailabilityView,
  ConsistencyCheckRequest,
  type ConsistencyReport,
  InventorySubjects,
  type LedgerEntryView,
  OrdersSubjects,
  ListLedgerRequest,
  ListStockRequest,
  type Page,
  ReceiveStockRequest,
  RestockReturnRequest,
  type ReturnReceivedEvent,
  type StockChangeView,
  type StockLevelView,
  TransferStockRequest,
  type TransferView,
  WriteOffStockRequest,
} from '#contracts';
import { AllowRoles, EventConsumers } from '#platform';
import { ConsistencyCheckService } from './consistency-check.service.js';
import { LedgerQueryService } from './ledger-query.service.js';
import { ReturnReceiptsService } from './return-receipts.service.js';
import { StockAdjustmentsService } from './stock-adjustments.service.js';
import { StockLevelsService } from './stock-levels.service.js';
import { StockReceiptsService } from './stock-receipts.service.js';
import { StockTransfersService } from './stock-transfers.service.js';

/** Stock moves (warehouse and admin) and what anyone may read about stock. */
@Controller()
export class StockHandler implements OnModuleInit {
  constructor(
    private readonly receipts: StockReceiptsService,
    private readonly adjustments: StockAdjustmentsService,
    private readonly transfers: StockTransfersService,
    private readonly levels: StockLevelsService,
    private readonly ledger: LedgerQueryService,
    private readonly consistency: ConsistencyCheckService,
    private readonly returns: ReturnReceiptsService,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.on<ReturnReceivedEvent>(OrdersSubjects.returnReceived, (event, em) =>
      this.returns.receive(em, event.data),
    );
  }

  @MessagePattern(InventorySubjects.receiveStock)
  @AllowRoles('admin', 'warehouse')
  receive(@Payload() request: ReceiveStockRequest): Promise<StockChangeView> {
    return this.receipts.receive(request);
  }

  @MessagePattern(InventorySubjects.restockReturn)
  @AllowRoles('admin', 'warehouse')
  restock(@Payload() request: RestockReturnRequest): Promise<StockChangeView> {
    return this.receipts.restockReturn(request);
  }

  @MessagePattern(InventorySubjects.adjustStock)
  @AllowRoles('admin', 'warehouse')
  adjust(@Payload() request: AdjustStockRequest): Promise<StockChangeView> {
    return this.adjustments.adjust(request);
  }

  @MessagePattern(InventorySubjects.writeOffStock)
  @AllowRoles('admin', 'warehouse')
  writeOff(@Payload() request: WriteOffStockRequest): Promise<StockChangeView> {
    return this.adjustments.writeOff(request);
  }

  @MessagePattern(InventorySubjects.transferStock)
  @AllowRoles('admin', 'warehouse')
  transfer(@Payload() request: TransferStockRequest): Promise<TransferView> {
    return this.transfers.transfer(request);
  }

  @MessagePattern(InventorySubjects.listStock)
  list(@Payload() request: ListStockRequest): Promise<Page<StockLevelView>> {
    return this.levels.list(request);
  }

  @MessagePattern(InventorySubjects.availability)
  availability(@Payload() request: AvailabilityRequest): Promise<AvailabilityView> {
    return this.levels.availability(request.sku);
  }

  @MessagePattern(InventorySubjects.listLedger)
  listLedger(@Payload() request: ListLedgerRequest): Promise<Page<LedgerEntryView>> {
    return this.ledger.list(request);
  }

  @MessagePattern(InventorySubjects.checkConsistency)
  check(@Payload() request: ConsistencyCheckRequest): Promise<ConsistencyReport> {
    return this.consistency.check(request.sku);
  }
}
