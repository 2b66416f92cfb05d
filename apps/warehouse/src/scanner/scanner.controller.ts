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
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import {
  ListPickTicketsRequest,
  type Page,
  type PickTicketView,
  ScannerLookupReply,
  ScannerLookupQuery,
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
import { ScannerLookupService } from './scanner-lookup.service.js';
import { ScannerIdempotencyInterceptor } from './scanner-idempotency.interceptor.js';

/** The header that makes a scanner command safe to retry (see ScannerIdempotencyInterceptor). */
const IdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '8-128 letters, digits, dot, dash, underscore or colon: a repeat with the same key and body gets the first answer (Idempotent-Replayed: true)',
  });

/** The ticket or shipment id of the path: a 400 naming `id` when it is no UUID. */
const uuid = new ParseUUIDPipe({
  exceptionFactory: () => validationFailed([{ field: 'id', problems: ['id must be a UUID'] }]),
});

/** The HTTP API warehouse scanners call directly; each route is one call into the same services as NATS. */
@ApiTags('scanner')
@ApiSecurity('api-key')
@Controller('scanner')
@UseGuards(ScannerAuthGuard)
export class ScannerController {
  constructor(
    private readonly tickets: PickTicketQueryService,
    private readonly picking: PickingService,
    private readonly packing: PackingService,
    private readonly shipments: ShipmentQueryService,
    private readonly shipping: ShippingService,
    private readonly lookups: ScannerLookupService,
  ) {}

  @Get('lookup')
  @ApiOperation({
    summary: 'What a scanned code is',
    description:
      'Resolves a pick ticket number, a shipment number, a container code or a SKU to its type, id and a one-line summary, best match first. A container code such as BOX-1 may match several shipments.',
  })
  @ApiQuery({ name: 'code', required: true, description: 'The scanned code, 1-128 characters', example: 'PT-000001' })
  @ApiOkResponse({ type: ScannerLookupReply })
  @ApiBadRequestResponse({ description: 'code is missing, empty or longer than 128 characters (VALIDATION_FAILED)' })
  @ApiNotFoundResponse({ description: 'No pick ticket, shipment, container or SKU is known by the code (NOT_FOUND)' })
  lookup(@Query() query: ScannerLookupQuery): Promise<ScannerLookupReply> {
    return this.lookups.lookup(query.code);
  }

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
  @IdempotencyKeyHeader()
  pick(@Param('id', uuid) id: string, @Body() body: ScannerPickBody): Promise<PickTicketView> {
    return this.picking.confirm({ pickTicketId: id, lines: body.lines });
  }

  /** 201: packing creates the shipment. */
  @Post('pick-tickets/:id/pack')
  @UseInterceptors(ScannerIdempotencyInterceptor)
  @IdempotencyKeyHeader()
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
  @IdempotencyKeyHeader()
  ship(@Param('id', uuid) id: string, @Body() body: ScannerShipBody): Promise<ShipmentView> {
    return this.shipping.ship({ shipmentId: id, carrier: body.carrier, trackingNumber: body.trackingNumber });
  }
}
