import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItemRequest,
  CreateLocationRequest,
  InventorySubjects,
  ItemView,
  LedgerEntryView,
  ListItemsRequest,
  ListStockRequest,
  LocationView,
  ReceiveStockRequest,
  StockLevelView,
} from '#contracts';
import { ServiceClient } from '#platform';
import { Roles } from '../auth/auth.guard.js';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors } from '../openapi/api-docs.js';

@ApiTags('Items and stock')
@ApiStandardErrors()
@Controller()
export class CatalogController {
  constructor(private readonly services: ServiceClient) {}

  @Post('items')
  @Roles('admin', 'warehouse')
  @ApiOperation({ summary: 'Create an item (our SKU)' })
  @ApiCreatedResponse({ type: ItemView })
  @ApiConflict('An item with this SKU exists')
  createItem(@Body() body: CreateItemRequest) {
    return this.services.request(InventorySubjects.createItem, body);
  }

  @Get('items')
  @ApiOperation({ summary: 'List items' })
  @ApiPage(ItemView)
  listItems(@Query() query: ListItemsRequest) {
    return this.services.request(InventorySubjects.listItems, query);
  }

  @Get('items/:sku')
  @ApiOperation({ summary: 'Get an item by SKU' })
  @ApiOkResponse({ type: ItemView })
  @ApiNotFound('The item')
  getItem(@Param('sku') sku: string) {
    return this.services.request(InventorySubjects.getItem, { sku });
  }

  @Post('locations')
  @Roles('admin', 'warehouse')
  @ApiOperation({ summary: 'Create a stock location (a warehouse)' })
  @ApiCreatedResponse({ type: LocationView })
  @ApiConflict('A location with this code exists')
  createLocation(@Body() body: CreateLocationRequest) {
    return this.services.request(InventorySubjects.createLocation, body);
  }

  @Get('locations')
  @ApiOperation({ summary: 'List stock locations in sourcing priority order' })
  @ApiOkResponse({ type: [LocationView] })
  listLocations() {
    return this.services.request(InventorySubjects.listLocations, {});
  }

  @Post('stock/receipts')
  @Roles('admin', 'warehouse')
  @ApiOperation({ summary: 'Receive stock into a location' })
  @ApiCreatedResponse({ type: StockLevelView, description: 'The stock level after the receipt' })
  @ApiNotFound('The item or location')
  receive(@Body() body: ReceiveStockRequest) {
    return this.services.request(InventorySubjects.receiveStock, body);
  }

  @Get('stock')
  @Roles('admin', 'sales', 'warehouse')
  @ApiOperation({ summary: 'Stock levels per item and location: on hand, reserved, available' })
  @ApiPage(StockLevelView)
  stock(@Query() query: ListStockRequest) {
    return this.services.request(InventorySubjects.listStock, query);
  }

  @Get('stock/ledger')
  @Roles('admin', 'sales', 'warehouse')
  @ApiOperation({ summary: 'The stock movement ledger' })
  @ApiPage(LedgerEntryView)
  ledger(@Query() query: ListStockRequest) {
    return this.services.request(InventorySubjects.listLedger, query);
  }
}
