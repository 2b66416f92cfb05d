import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ListPickTicketsRequest,
  type Page,
  type PickTicketView,
  ScannerPackBody,
  ScannerPickBody,
  ScannerShipBody,
  type ShipmentView,
} from '#contracts';
import { validationFailed } from '#platform';
import { PackingService } from '../pick-tickets/packing.service.js';
import { PickTicketQueryService } from '../pick-tickets/pick-ticket-query.service.js';
import { PickingService } from '../pick-tickets/picking.service.js';
import { ShipmentQueryService } from '../shipments/shipment-query.service.js';
import { ShippingService } from '../shipments/shipping.service.js';
import { ScannerAuthGuard } from './scanner-auth.guard.js';
import { ScannerIdempotencyInterceptor } from './scanner-idempotency.interceptor.js';

/** The ticket or shipment id of the path: a 400 naming `id` when it is no UUID. */
const uuid = new ParseUUIDPipe({
  exceptionFactory: () => validationFailed([{ field: 'id', problems: ['id must be a UUID'] }]),
});

/** The HTTP API warehouse scanners call directly; each route is one call into the same services as NATS. */
@Controller('scanner')
@UseGuards(ScannerAuthGuard)
export class ScannerController {
  constructor(
    private readonly tickets: PickTicketQueryService,
    private readonly picking: PickingService,
    private readonly packing: PackingService,
    private readonly shipments: ShipmentQueryService,
    private readonly shipping: ShippingService,
  ) {}

  @Get('pick-tickets')
  list(@Query() query: ListPickTicketsRequest): Promise<Page<PickTicketView>> {
    return this.tickets.list(query);
  }

  @Get('pick-tickets/:id')
  get(@Param('id', uuid) id: string): Promise<PickTicketView> {
    return this.tickets.get(id);
  }

  @Post('pick-tickets/:id/picks')
  @HttpCode(200)
  @UseInterceptors(ScannerIdempotencyInterceptor)
  pick(@Param('id', uuid) id: string, @Body() body: ScannerPickBody): Promise<PickTicketView> {
    return this.picking.confirm({ pickTicketId: id, lines: body.lines });
  }

  /** 201: packing creates the shipment. */
  @Post('pick-tickets/:id/pack')
  @UseInterceptors(ScannerIdempotencyInterceptor)
  pack(@Param('id', uuid) id: string, @Body() body: ScannerPackBody): Promise<ShipmentView> {
    return this.packing.pack({ pickTicketId: id, containers: body.containers });
  }

  @Get('shipments/:id')
  shipment(@Param('id', uuid) id: string): Promise<ShipmentView> {
    return this.shipments.get(id);
  }

  @Post('shipments/:id/ship')
  @HttpCode(200)
  @UseInterceptors(ScannerIdempotencyInterceptor)
  ship(@Param('id', uuid) id: string, @Body() body: ScannerShipBody): Promise<ShipmentView> {
    return this.shipping.ship({ shipmentId: id, carrier: body.carrier, trackingNumber: body.trackingNumber });
  }
}
