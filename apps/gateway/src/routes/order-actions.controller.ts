import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangeLineQuantityBody,
  LineActionReply,
  LineEditReply,
  OrdersSubjects,
  OrderView,
  PlaceOrderLine,
  PreShipBody,
  ProcessRecurringReply,
  ProcessRecurringRequest,
  QuoteComparisonView,
  ReopenOrderBody,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiConflict, ApiNotFound, ApiStandardErrors } from '../openapi/api-docs.js';
import { uuid } from './params.js';

/** What people do to orders and their lines after entry: convert quotes, run recurring orders, hold, pre-ship, cancel. */
@ApiTags('Customers and orders')
@ApiStandardErrors()
@Controller()
export class OrderActionsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an order while nothing on it has been processed (else re-open it)' })
  @ApiOkResponse({ type: OrderView })
  @ApiNotFound('The order')
  @ApiConflict('Something on the order was already picked, shipped, invoiced or paid (ILLEGAL_TRANSITION)')
  cancel(@Param('id', uuid('id')) id: string) {
    return this.services.request(OrdersSubjects.cancelOrder, { id });
  }

  @Post('orders/:id/reopen')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Re-open a processed order: reverse its payments, invoices, stock movements and reservations, leaving it as entered',
    description: 'The reversal is kept as a record: GET /orders/:id/reversals.',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiConflict('Nothing was processed (cancel instead), or it has a Backorder or Return (ILLEGAL_TRANSITION)')
  reopen(@Param('id', uuid('id')) id: string, @Body() body: ReopenOrderBody) {
    return this.services.request(OrdersSubjects.reopenOrder, { ...body, id }, { timeoutMs: 30_000 });
  }

  @Get('orders/:id/reversals')
  @ApiOperation({ summary: 'The re-opens of an order: what was voided, reversed and put back, by whom and why' })
  reversals(@Param('id', uuid('id')) id: string) {
    return this.services.request(OrdersSubjects.listReversals, { id });
  }

  @Post('orders/:id/lines/:lineId/hold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hold an Active, not yet fulfilled line (it is not picked while held)' })
  @ApiOkResponse({ type: LineActionReply })
  @ApiConflict('The line is not Active and Not fulfilled (ILLEGAL_TRANSITION)')
  hold(@Param('id', uuid('id')) orderId: string, @Param('lineId', uuid('lineId')) lineId: string) {
    return this.services.request(OrdersSubjects.holdLine, { orderId, lineId });
  }

  @Post('orders/:id/lines/:lineId/make-active')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a held line' })
  @ApiOkResponse({ type: LineActionReply })
  @ApiConflict('The line is not held (ILLEGAL_TRANSITION)')
  makeActive(@Param('id', uuid('id')) orderId: string, @Param('lineId', uuid('lineId')) lineId: string) {
    return this.services.request(OrdersSubjects.activateLine, { orderId, lineId });
  }

  @Post('orders/:id/lines/:lineId/pre-ship')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pre-ship an Active line (the customer took the goods); makes it billable',
    description:
      'A line with a shipping fee changes only with `confirmRemoveShippingFee: true`; otherwise the answer has `changed: false` and a warning.',
  })
  @ApiOkResponse({ type: LineActionReply })
  @ApiConflict('The line is not Active, or already fulfilled (ILLEGAL_TRANSITION)')
  preShip(
    @Param('id', uuid('id')) orderId: string,
    @Param('lineId', uuid('lineId')) lineId: string,
    @Body() body: PreShipBody,
  ) {
    return this.services.request(OrdersSubjects.preShipLine, {
      orderId,
      lineId,
      confirmRemoveShippingFee: body?.confirmRemoveShippingFee,
    });
  }

  @Post('orders/:id/lines/:lineId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel one line (its fulfill status stays as it was)' })
  @ApiOkResponse({ type: LineActionReply })
  @ApiConflict('The line was already processed (ILLEGAL_TRANSITION)')
  cancelLine(@Param('id', uuid('id')) orderId: string, @Param('lineId', uuid('lineId')) lineId: string) {
    return this.services.request(OrdersSubjects.cancelLine, { orderId, lineId });
  }

  @Post('orders/:id/lines/:lineId/terminate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate a standing order line: nothing more ships, nothing shipped is taken back' })
  @ApiOkResponse({ type: LineActionReply })
  @ApiConflict('The line is already shipped, returned or terminated (ILLEGAL_TRANSITION)')
  terminate(@Param('id', uuid('id')) orderId: string, @Param('lineId', uuid('lineId')) lineId: string) {
    return this.services.request(OrdersSubjects.terminateLine, { orderId, lineId });
  }

  @Post('orders/:id/lines')
  @ApiOperation({ summary: 'Add a line to an order that is not picked yet; it is priced and reserved' })
  @ApiCreatedResponse({ type: LineEditReply })
  @ApiNotFound('The order or item')
  @ApiConflict('The order cannot be edited (ILLEGAL_TRANSITION)')
  addLine(@Param('id', uuid('id')) orderId: string, @Body() body: PlaceOrderLine) {
    return this.services.request(OrdersSubjects.addLine, { ...body, orderId });
  }

  @Patch('orders/:id/lines/:lineId')
  @ApiOperation({ summary: "Change a line's quantity until it is picked; its price and reservation follow" })
  @ApiOkResponse({ type: LineEditReply })
  @ApiConflict('The line is already being picked or was processed (ILLEGAL_TRANSITION)')
  changeQuantity(
    @Param('id', uuid('id')) orderId: string,
    @Param('lineId', uuid('lineId')) lineId: string,
    @Body() body: ChangeLineQuantityBody,
  ) {
    return this.services.request(OrdersSubjects.changeLineQuantity, { orderId, lineId, quantity: body.quantity });
  }

  @Delete('orders/:id/lines/:lineId')
  @ApiOperation({ summary: 'Remove a line that is not picked yet; its reservation is released' })
  @ApiOkResponse({ type: LineEditReply })
  @ApiConflict('The line was processed, or it is the last line (ILLEGAL_TRANSITION)')
  removeLine(@Param('id', uuid('id')) orderId: string, @Param('lineId', uuid('lineId')) lineId: string) {
    return this.services.request(OrdersSubjects.removeLine, { orderId, lineId });
  }

  @Post('quotes/:id/convert')
  @ApiOperation({ summary: 'Create an Order from a Quote; it refers back to the quote and keeps the quoted prices' })
  @ApiCreatedResponse({ type: OrderView })
  @ApiNotFound('The quote')
  @ApiConflict('Not a quote, or already converted (ILLEGAL_TRANSITION)')
  convert(@Param('id', uuid('id')) id: string) {
    return this.services.request(OrdersSubjects.convertQuote, { id });
  }

  @Get('quotes/:id/comparison')
  @ApiOperation({
    summary: "Quoted versus actual prices of the order made from a quote (the quote's or the order's id)",
  })
  @ApiOkResponse({ type: QuoteComparisonView })
  @ApiNotFound('A converted quote or an order made from one')
  comparison(@Param('id', uuid('id')) id: string) {
    return this.services.request(OrdersSubjects.quoteComparison, { id });
  }

  @Post('recurring-orders/process')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make the orders of every recurring template due on or before a date (safe to run twice)' })
  @ApiOkResponse({ type: ProcessRecurringReply })
  processRecurring(@Body() body: ProcessRecurringRequest) {
    return this.services.request(OrdersSubjects.processRecurring, body, { timeoutMs: 60_000 });
  }
}
