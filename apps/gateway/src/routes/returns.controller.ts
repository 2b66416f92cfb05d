import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateCreditMemoRequest,
  CreateReturnRequest,
  HandlingChargeInput,
  OrdersSubjects,
  OrderView,
  ReceiveReturnBody,
  ReturnLineBody,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiConflict, ApiNotFound, ApiStandardErrors, ApiUnprocessable } from '../openapi/api-docs.js';
import { uuid } from './params.js';

@ApiTags('Returns')
@ApiStandardErrors()
@Controller('returns')
export class ReturnsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({
    summary: 'Create a Return from an original order: its shipped lines at quantity 0, plus the return handling charge',
  })
  @ApiCreatedResponse({ type: OrderView })
  @ApiNotFound('The original order')
  @ApiConflict('The original order never shipped (ILLEGAL_TRANSITION)')
  create(@Body() body: CreateReturnRequest) {
    return this.services.request(OrdersSubjects.createReturn, body);
  }

  @Patch(':id/lines/:lineId')
  @ApiOperation({
    summary: 'Fill in a returned quantity, its credited unit price and whether it is restocked or written off',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiUnprocessable('More than was shipped and not yet returned (QUANTITY_EXCEEDED)')
  updateLine(
    @Param('id', uuid('id')) returnId: string,
    @Param('lineId', uuid('lineId')) lineId: string,
    @Body() body: ReturnLineBody,
  ) {
    return this.services.request(OrdersSubjects.updateReturnLine, { ...body, returnId, lineId });
  }

  @Patch(':id/handling-charge')
  @ApiOperation({ summary: "Override the return handling charge's description or amount" })
  @ApiOkResponse({ type: OrderView })
  updateCharge(@Param('id', uuid('id')) returnId: string, @Body() body: HandlingChargeInput) {
    return this.services.request(OrdersSubjects.updateHandlingCharge, { ...body, returnId });
  }

  @Post(':id/receive')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Receive the return: restock or write off each line, mark the original lines Returned, and credit the customer',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiConflict('Already received (ILLEGAL_TRANSITION)')
  receive(@Param('id', uuid('id')) returnId: string, @Body() body: ReceiveReturnBody) {
    return this.services.request(OrdersSubjects.receiveReturn, { ...body, returnId });
  }
}

@ApiTags('Returns')
@ApiStandardErrors()
@Controller()
export class CreditMemosController {
  constructor(private readonly services: ServiceClient) {}

  @Post('credit-memos')
  @ApiOperation({
    summary: 'Credit an overcharge: a Credit memo order referring to the original; billing issues the credit note',
  })
  @ApiCreatedResponse({ type: OrderView })
  @ApiUnprocessable('More than the original was invoiced, less what was credited already (QUANTITY_EXCEEDED)')
  createCreditMemo(@Body() body: CreateCreditMemoRequest) {
    return this.services.request(OrdersSubjects.createCreditMemo, body);
  }
}
