import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateCustomerRequest,
  CustomerView,
  ListCustomersRequest,
  ListOrdersRequest,
  OrdersSubjects,
  OrderView,
  PlaceOrderRequest,
} from '#contracts';
import { SERVICE_CONFIG, ServiceClient } from '#platform';
import type { GatewayConfig } from '../config.js';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors, ApiUnprocessable } from '../openapi/api-docs.js';
import { uuid } from './params.js';

@ApiTags('Customers and orders')
@ApiStandardErrors()
@Controller()
export class OrdersController {
  constructor(
    private readonly services: ServiceClient,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('customers')
  @ApiOperation({ summary: 'Create a customer' })
  @ApiCreatedResponse({ type: CustomerView })
  createCustomer(@Body() body: CreateCustomerRequest) {
    return this.services.request(OrdersSubjects.createCustomer, body);
  }

  @Get('customers')
  @ApiOperation({ summary: 'List customers' })
  @ApiPage(CustomerView)
  listCustomers(@Query() query: ListCustomersRequest) {
    return this.services.request(OrdersSubjects.listCustomers, query);
  }

  @Get('customers/:id')
  @ApiOperation({ summary: 'Get a customer (a customer key sees only its own)' })
  @ApiOkResponse({ type: CustomerView })
  @ApiNotFound('The customer')
  getCustomer(@Param('id', uuid('id')) id: string) {
    return this.services.request(OrdersSubjects.getCustomer, { id });
  }

  @Post('orders')
  @ApiOperation({ summary: 'Place an order: prices and reserves every line, back-orders what is not in stock' })
  @ApiCreatedResponse({ type: OrderView })
  @ApiNotFound('The customer, an item or a ship-from location')
  @ApiConflict('The same Idempotency-Key is still being processed')
  @ApiUnprocessable('A SKU has no price, or the Idempotency-Key was used for another request')
  placeOrder(@Body() body: PlaceOrderRequest) {
    return this.services.request(OrdersSubjects.placeOrder, body, {
      timeoutMs: this.config.GATEWAY_COMMAND_TIMEOUT_MS,
    });
  }

  @Get('orders')
  @ApiOperation({ summary: 'List orders, newest first (a customer key sees only its own)' })
  @ApiPage(OrderView)
  listOrders(@Query() query: ListOrdersRequest) {
    return this.services.request(OrdersSubjects.listOrders, query);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'Get an order with its lines, both line statuses and its derived status' })
  @ApiOkResponse({ type: OrderView })
  @ApiNotFound('The order')
  getOrder(@Param('id', uuid('id')) id: string) {
    return this.services.request(OrdersSubjects.getOrder, { id });
  }
}
