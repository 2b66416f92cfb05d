import { Controller, type OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
  type StockChangeView,
  type StockLevelView,
  TransferStockRequest,
  type TransferView,
  WriteOffStockRequest,
} from '#contracts';
import { AllowRoles, EventConsumers, Handles } from '#platform';
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
    this.consumers.on(OrdersSubjects.returnReceived, { versions: [1] }, (event, em) =>
      this.returns.receive(em, event.data),
    );
  }

  @Handles(InventorySubjects.receiveStock)
  @AllowRoles('admin', 'warehouse')
  receive(@Payload() request: ReceiveStockRequest): Promise<StockChangeView> {
    return this.receipts.receive(request);
  }

  @Handles(InventorySubjects.restockReturn)
  @AllowRoles('admin', 'warehouse')
  restock(@Payload() request: RestockReturnRequest): Promise<StockChangeView> {
    return this.receipts.restockReturn(request);
  }

  @Handles(InventorySubjects.adjustStock)
  @AllowRoles('admin', 'warehouse')
  adjust(@Payload() request: AdjustStockRequest): Promise<StockChangeView> {
    return this.adjustments.adjust(request);
  }

  @Handles(InventorySubjects.writeOffStock)
  @AllowRoles('admin', 'warehouse')
  writeOff(@Payload() request: WriteOffStockRequest): Promise<StockChangeView> {
    return this.adjustments.writeOff(request);
  }

  @Handles(InventorySubjects.transferStock)
  @AllowRoles('admin', 'warehouse')
  transfer(@Payload() request: TransferStockRequest): Promise<TransferView> {
    return this.transfers.transfer(request);
  }

  @Handles(InventorySubjects.listStock)
  list(@Payload() request: ListStockRequest): Promise<Page<StockLevelView>> {
    return this.levels.list(request);
  }

  @Handles(InventorySubjects.availability)
  availability(@Payload() request: AvailabilityRequest): Promise<AvailabilityView> {
    return this.levels.availability(request.sku);
  }

  @Handles(InventorySubjects.listLedger)
  listLedger(@Payload() request: ListLedgerRequest): Promise<Page<LedgerEntryView>> {
    return this.ledger.list(request);
  }

  @Handles(InventorySubjects.checkConsistency)
  check(@Payload() request: ConsistencyCheckRequest): Promise<ConsistencyReport> {
    return this.consistency.check(request.sku);
  }
}
