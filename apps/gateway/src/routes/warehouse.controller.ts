import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GeneratePickTicketsRequest,
  ListPickTicketsRequest,
  PickTicketView,
  ScannerPackBody,
  ScannerPickBody,
  ScannerShipBody,
  ShipmentView,
  WarehouseSubjects,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors, ApiUnprocessable } from '../openapi/api-docs.js';
import { uuid } from './params.js';

@ApiTags('Warehouse: pick, pack, ship')
@ApiStandardErrors()
@Controller()
export class WarehouseController {
  constructor(private readonly services: ServiceClient) {}

  @Post('pick-tickets/generate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Print pick tickets for open pick demand up to a cut-off, as one picking cycle' })
  @ApiOkResponse({ type: [PickTicketView] })
  generate(@Body() body: GeneratePickTicketsRequest) {
    return this.services.request(WarehouseSubjects.generatePickTickets, body);
  }

  @Get('pick-tickets')
  @ApiOperation({ summary: 'List pick tickets' })
  @ApiPage(PickTicketView)
  list(@Query() query: ListPickTicketsRequest) {
    return this.services.request(WarehouseSubjects.listPickTickets, query);
  }

  @Get('pick-tickets/:id')
  @ApiOperation({ summary: 'Get a pick ticket' })
  @ApiOkResponse({ type: PickTicketView })
  @ApiNotFound('The pick ticket')
  get(@Param('id', uuid('id')) id: string) {
    return this.services.request(WarehouseSubjects.getPickTicket, { id });
  }

  @Post('pick-tickets/:id/picks')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm picked quantities (all lines in full when no lines are given)' })
  @ApiOkResponse({ type: PickTicketView })
  @ApiNotFound('The pick ticket')
  @ApiConflict('The ticket is not open (ILLEGAL_TRANSITION)')
  @ApiUnprocessable('More than the line asks for (QUANTITY_EXCEEDED)')
  pick(@Param('id', uuid('id')) id: string, @Body() body: ScannerPickBody) {
    return this.services.request(WarehouseSubjects.confirmPicks, { ...body, pickTicketId: id });
  }

  @Post('pick-tickets/:id/pack')
  @ApiOperation({ summary: 'Pack what was picked into containers; creates the shipment' })
  @ApiCreatedResponse({ type: ShipmentView })
  @ApiNotFound('The pick ticket')
  @ApiConflict('The ticket is not picked (ILLEGAL_TRANSITION)')
  @ApiUnprocessable('More than was picked (QUANTITY_EXCEEDED)')
  pack(@Param('id', uuid('id')) id: string, @Body() body: ScannerPackBody) {
    return this.services.request(WarehouseSubjects.pack, { ...body, pickTicketId: id });
  }

  @Post('shipments/:id/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ship a packed shipment with its carrier and tracking number' })
  @ApiOkResponse({ type: ShipmentView })
  @ApiNotFound('The shipment')
  @ApiConflict('Already shipped (ILLEGAL_TRANSITION)')
  ship(@Param('id', uuid('id')) id: string, @Body() body: ScannerShipBody) {
    return this.services.request(WarehouseSubjects.ship, { ...body, shipmentId: id });
  }

  @Get('shipments/:id')
  @ApiOperation({ summary: 'Get a shipment with its containers' })
  @ApiOkResponse({ type: ShipmentView })
  @ApiNotFound('The shipment')
  shipment(@Param('id', uuid('id')) id: string) {
    return this.services.request(WarehouseSubjects.getShipment, { id });
  }
}
