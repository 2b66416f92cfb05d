import { Module } from '@nestjs/common';
import { RulesModule } from '../rules/rules.module.js';
import { ExportRulesService } from './export-rules.service.js';
import { ImportRulesService } from './import-rules.service.js';
import { SpreadsheetsHandler } from './spreadsheets.handler.js';

/** Price rules to and from CSV and XLSX. */
@Module({
  imports: [RulesModule],
  controllers: [SpreadsheetsHandler],
  providers: [ExportRulesService, ImportRulesService],
})
export class SpreadsheetsModule {}
