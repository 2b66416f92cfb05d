import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  type ExportPriceRulesReply,
  ExportPriceRulesRequest,
  type ImportPriceRulesReply,
  ImportPriceRulesRequest,
  PricingSubjects,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { ExportRulesService } from './export-rules.service.js';
import { ImportRulesService } from './import-rules.service.js';

@Controller()
export class SpreadsheetsHandler {
  constructor(
    private readonly exporter: ExportRulesService,
    private readonly importer: ImportRulesService,
  ) {}

  @Handles(PricingSubjects.exportRules)
  @AllowRoles('admin')
  export(@Payload() request: ExportPriceRulesRequest): Promise<ExportPriceRulesReply> {
    return this.exporter.export(request);
  }

  @Handles(PricingSubjects.importRules)
  @AllowRoles('admin')
  import(@Payload() request: ImportPriceRulesRequest): Promise<ImportPriceRulesReply> {
    return this.importer.importSheet(request);
  }
}
