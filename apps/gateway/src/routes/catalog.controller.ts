import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItemRequest,
  CreateLocationRequest,
  CreateProductRequest,
  CreateSourceItemBody,
  CreateSourceRequest,
  InventorySubjects,
  ItemView,
  ListItemsRequest,
  ListProductsRequest,
  LocationView,
  PageQuery,
  ProductView,
  SourceItemView,
  SourceView,
  SupplierFeedBody,
  SupplierFeedReply,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors } from '../openapi/api-docs.js';

@ApiTags('Items, sources and locations')
@ApiStandardErrors()
@Controller()
export class CatalogController {
  constructor(private readonly services: ServiceClient) {}

  @Post('products')
  @ApiOperation({ summary: 'Create a product; its variants are items (our SKUs) that name it' })
  @ApiCreatedResponse({ type: ProductView })
  @ApiConflict('A product with this code exists')
  createProduct(@Body() body: CreateProductRequest) {
    return this.services.request(InventorySubjects.createProduct, body);
  }

  @Get('products')
  @ApiOperation({ summary: 'List products with their variants' })
  @ApiPage(ProductView)
  listProducts(@Query() query: ListProductsRequest) {
    return this.services.request(InventorySubjects.listProducts, query);
  }

  @Get('products/:code')
  @ApiOperation({ summary: 'Get a product with its variants' })
  @ApiOkResponse({ type: ProductView })
  @ApiNotFound('The product')
  getProduct(@Param('code') code: string) {
    return this.services.request(InventorySubjects.getProduct, { code });
  }

  @Post('items')
  @ApiOperation({
    summary:
      'Create an item (our SKU): a variant, inventoried or not, linked to a warehouse and bin or not, a kit or not',
  })
  @ApiCreatedResponse({ type: ItemView })
  @ApiNotFound('The product, warehouse location or a component')
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

  @Post('sources')
  @ApiOperation({
    summary:
      'Create a source: one of our warehouses, or a supplier that ships for us (it gets one location with its code)',
  })
  @ApiCreatedResponse({ type: SourceView })
  @ApiConflict('A source (or, for a supplier, a location) with this code exists')
  createSource(@Body() body: CreateSourceRequest) {
    return this.services.request(InventorySubjects.createSource, body);
  }

  @Get('sources')
  @ApiOperation({ summary: 'List sources in sourcing order: our warehouses by priority, then suppliers' })
  @ApiOkResponse({ type: [SourceView] })
  listSources() {
    return this.services.request(InventorySubjects.listSources, {});
  }

  @Post('sources/:code/items')
  @ApiOperation({ summary: "Map a source's own SKU to our variant (for a supplier, with the quantity it holds)" })
  @ApiCreatedResponse({ type: SourceItemView })
  @ApiNotFound('The source or the item')
  @ApiConflict('The source already maps this SKU or this variant')
  createSourceItem(@Param('code') code: string, @Body() body: CreateSourceItemBody) {
    return this.services.request(InventorySubjects.createSourceItem, { ...body, sourceCode: code });
  }

  @Get('sources/:code/items')
  @ApiOperation({ summary: "A source's SKUs with what it holds of each" })
  @ApiPage(SourceItemView)
  @ApiNotFound('The source')
  listSourceItems(@Param('code') code: string, @Query() query: PageQuery) {
    return this.services.request(InventorySubjects.listSourceItems, { ...query, sourceCode: code });
  }

  @Post('sources/:code/feed')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "A supplier's quantities in bulk; unknown, negative, stale or duplicate rows are rejected with a reason, not applied",
  })
  @ApiOkResponse({ type: SupplierFeedReply })
  @ApiNotFound('The source')
  applyFeed(@Param('code') code: string, @Body() body: SupplierFeedBody) {
    return this.services.request(InventorySubjects.applySupplierFeed, { ...body, sourceCode: code });
  }

  @Post('locations')
  @ApiOperation({ summary: 'Create a stock location in one of our warehouses' })
  @ApiCreatedResponse({ type: LocationView })
  @ApiNotFound('The source')
  @ApiConflict('A location with this code exists')
  createLocation(@Body() body: CreateLocationRequest) {
    return this.services.request(InventorySubjects.createLocation, body);
  }

  @Get('locations')
  @ApiOperation({ summary: 'List stock locations in sourcing order' })
  @ApiOkResponse({ type: [LocationView] })
  listLocations() {
    return this.services.request(InventorySubjects.listLocations, {});
  }
}
