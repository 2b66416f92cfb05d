import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ChangePriceRuleBody,
  CreatePriceRuleRequest,
  EndPriceRuleBody,
  ExportPriceRulesRequest,
  ImportPriceRulesQuery,
  ImportPriceRulesReply,
  ListPriceRulesRequest,
  PriceRuleView,
  PricingSubjects,
  SpreadsheetContentTypes,
} from '#contracts';
import { ServiceClient } from '#platform';
import { ApiConflict, ApiNotFound, ApiPage, ApiStandardErrors } from '../openapi/api-docs.js';
import { uuid } from './params.js';
import { readSpreadsheetUpload } from './spreadsheet-upload.js';

@ApiTags('Price rules')
@ApiStandardErrors()
@Controller('price-rules')
export class PriceRulesController {
  constructor(private readonly services: ServiceClient) {}

  @Get('export')
  @ApiOperation({ summary: 'Export rules as CSV or XLSX, one row per break (the file an import reads back)' })
  @ApiProduces(SpreadsheetContentTypes.csv, SpreadsheetContentTypes.xlsx)
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  async export(
    @Query() query: ExportPriceRulesRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.services.request(PricingSubjects.exportRules, query);
    response.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(Buffer.from(file.contentBase64, 'base64'), { type: file.contentType });
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import rules from a CSV or XLSX file sent as the body: all rows valid, or nothing applied',
  })
  @ApiConsumes(SpreadsheetContentTypes.csv, SpreadsheetContentTypes.xlsx, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportPriceRulesReply })
  async import(@Req() request: Request, @Query() query: ImportPriceRulesQuery) {
    const { format, content } = await readSpreadsheetUpload(request, query.format);
    return this.services.request(PricingSubjects.importRules, {
      format,
      contentBase64: content.toString('base64'),
      dryRun: query.dryRun,
    });
  }

  @Post()
  @ApiOperation({ summary: 'Create a price rule (price, discount or markup; breaks; targets; dates)' })
  @ApiCreatedResponse({ type: PriceRuleView })
  @ApiConflict('The code is taken, or a rule with the same targets, currency and start date exists (RULE_CONFLICT)')
  create(@Body() body: CreatePriceRuleRequest) {
    return this.services.request(PricingSubjects.createRule, body);
  }

  @Get()
  @ApiOperation({ summary: 'List price rules by code, with filters' })
  @ApiPage(PriceRuleView)
  list(@Query() query: ListPriceRulesRequest) {
    return this.services.request(PricingSubjects.listRules, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a price rule' })
  @ApiOkResponse({ type: PriceRuleView })
  @ApiNotFound('The rule')
  get(@Param('id', uuid('id')) id: string) {
    return this.services.request(PricingSubjects.getRule, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a price rule (fields given replace; null clears a target or the end date)' })
  @ApiOkResponse({ type: PriceRuleView })
  @ApiNotFound('The rule')
  @ApiConflict('Another rule has the same targets, currency and start date (RULE_CONFLICT)')
  update(@Param('id', uuid('id')) id: string, @Body() body: ChangePriceRuleBody) {
    return this.services.request(PricingSubjects.updateRule, { ...body, id });
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End-date a price rule: it applies up to and including validTo (today when absent)' })
  @ApiOkResponse({ type: PriceRuleView })
  @ApiNotFound('The rule')
  end(@Param('id', uuid('id')) id: string, @Body() body: EndPriceRuleBody) {
    return this.services.request(PricingSubjects.endRule, { ...body, id });
  }
}
