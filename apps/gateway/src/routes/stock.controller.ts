import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdjustStockRequest,
  AvailabilityView,
  BackorderReleaseReport,
  BackorderView,
  ConsistencyCheckRequest,
  ConsistencyReport,
  EligibleForReleaseRequest,
  InventorySubjects,
  LedgerEntryView,
  ListBackordersRequest,
  ListLedgerRequest,
  ListStockRequest,
  ReceiveStockRequest,
  ReleaseBackordersRequest,
  RestockReturnRequest,
  StockChangeView,
  StockLevelView,
  TransferStockRequest,
  TransferView,
  WriteOffStockRequest,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors } from '../openapi/api-docs.js';

/** Stock levels and movements, the ledger and its check, back-orders. Warehouse and admin move stock; sales may read. */
@ApiTags('Stock and back-orders')
@ApiStandardErrors()
@Controller()
export class StockController {
  constructor(private readonly services: ServiceClient) {}

  @Get('stock')
  @ApiOperation({ summary: 'Stock levels per item and location: on hand, reserved, available, back-ordered' })
  @ApiPage(StockLevelView)
  stock(@Query() query: ListStockRequest) {
    return this.services.request(InventorySubjects.listStock, query);
  }

  @Get('stock/availability/:sku')
  @ApiOperation({ summary: 'Availability of a variant across all sources, in sourcing order' })
  @ApiOkResponse({ type: AvailabilityView })
  @ApiNotFound('The item')
  availability(@Param('sku') sku: string) {
    return this.services.request(InventorySubjects.availability, { sku });
  }

  @Post('stock/receipts')
  @ApiOperation({ summary: 'Receive stock into a location; waiting back-orders are released' })
  @ApiCreatedResponse({ type: StockChangeView, description: 'The stock level after the receipt' })
  @ApiNotFound('The item or location')
  receive(@Body() body: ReceiveStockRequest) {
    return this.services.request(InventorySubjects.receiveStock, body);
  }

  @Post('stock/adjustments')
  @ApiOperation({ summary: 'Correct on hand up or down, with a reason' })
  @ApiCreatedResponse({ type: StockChangeView })
  @ApiNotFound('The item or location')
  @ApiConflict('On hand would fall below reserved (INSUFFICIENT_STOCK)')
  adjust(@Body() body: AdjustStockRequest) {
    return this.services.request(InventorySubjects.adjustStock, body);
  }

  @Post('stock/transfers')
  @ApiOperation({
    summary: 'Move stock between two of our locations; waiting back-orders at the destination are released',
  })
  @ApiCreatedResponse({ type: TransferView })
  @ApiNotFound('The item or a location')
  @ApiConflict('Not that much available at the source location (INSUFFICIENT_STOCK)')
  transfer(@Body() body: TransferStockRequest) {
    return this.services.request(InventorySubjects.transferStock, body);
  }

  @Post('stock/returns')
  @ApiOperation({ summary: 'Put returned goods back into stock; waiting back-orders are released' })
  @ApiCreatedResponse({ type: StockChangeView })
  @ApiNotFound('The item or location')
  restock(@Body() body: RestockReturnRequest) {
    return this.services.request(InventorySubjects.restockReturn, body);
  }

  @Post('stock/write-offs')
  @ApiOperation({ summary: 'Write off damaged or lost stock' })
  @ApiCreatedResponse({ type: StockChangeView })
  @ApiNotFound('The item or location')
  @ApiConflict('On hand would fall below reserved (INSUFFICIENT_STOCK)')
  writeOff(@Body() body: WriteOffStockRequest) {
    return this.services.request(InventorySubjects.writeOffStock, body);
  }

  @Get('stock/ledger')
  @ApiOperation({ summary: 'The stock movement ledger' })
  @ApiPage(LedgerEntryView)
  ledger(@Query() query: ListLedgerRequest) {
    return this.services.request(InventorySubjects.listLedger, query);
  }

  @Get('stock/consistency')
  @ApiOperation({
    summary: 'Prove on hand = sum of the ledger and reserved = sum of live reservations, for one item or all',
  })
  @ApiOkResponse({ type: ConsistencyReport })
  @ApiNotFound('The item')
  consistency(@Query() query: ConsistencyCheckRequest) {
    return this.services.request(InventorySubjects.checkConsistency, query);
  }

  @Get('backorders')
  @ApiOperation({ summary: 'Back-ordered demand still waiting, in release order' })
  @ApiPage(BackorderView)
  backorders(@Query() query: ListBackordersRequest) {
    return this.services.request(InventorySubjects.listBackorders, query);
  }

  @Get('backorders/eligible')
  @ApiOperation({
    summary: 'Eligible for release as of a date: what a release run would release now, without doing it',
  })
  @ApiOkResponse({ type: BackorderReleaseReport })
  eligible(@Query() query: EligibleForReleaseRequest) {
    return this.services.request(InventorySubjects.eligibleForRelease, query);
  }

  @Post('backorders/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release waiting back-orders now (needed when BACKORDER_RELEASE=manual)' })
  @ApiOkResponse({ type: BackorderReleaseReport })
  release(@Body() body: ReleaseBackordersRequest) {
    return this.services.request(InventorySubjects.releaseBackorders, body);
  }
}
