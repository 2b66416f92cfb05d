import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type ExportPriceRulesReply,
  type ExportPriceRulesRequest,
  MAX_SPREADSHEET_BYTES,
  SpreadsheetContentTypes,
} from '#contracts';
import { rows, validationFailed } from '#platform';
import { ruleFilterSql } from '../rules/rule-filter.js';
import { RULE_COLUMNS as RULE_SQL_COLUMNS, type RuleRow, toPriceRule } from '../store/pricing-rows.js';
import { writeCsv } from './csv-codec.js';
import { RULE_COLUMNS, ruleToRows } from './rule-sheet.js';
import { writeXlsx } from './xlsx-codec.js';

@Injectable()
export class ExportRulesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The rules the filter selects (all when it selects nothing), by code, as a CSV or XLSX
   * sheet with one row per break: the sheet an import reads back unchanged. A file over
   * MAX_SPREADSHEET_BYTES is refused; narrow the filter.
   */
  async export(request: ExportPriceRulesRequest): Promise<ExportPriceRulesReply> {
    const format = request.format ?? 'csv';
    const { where, params } = ruleFilterSql(request);
    const found = await rows<RuleRow>(
      this.dataSource,
      `SELECT ${RULE_SQL_COLUMNS} FROM pricing.price_rules ${where} ORDER BY code`,
      params,
    );
    const sheetRows = found.flatMap((row) => ruleToRows(toPriceRule(row)));
    const content =
      format === 'xlsx' ? await writeXlsx('price rules', RULE_COLUMNS, sheetRows) : writeCsv(RULE_COLUMNS, sheetRows);
    if (content.length > MAX_SPREADSHEET_BYTES) {
      throw validationFailed([
        {
          field: 'filter',
          problems: [
            `${found.length} rules make a ${content.length}-byte file, over ${MAX_SPREADSHEET_BYTES}: narrow the export with filters`,
          ],
        },
      ]);
    }
    return {
      filename: `price-rules.${format}`,
      contentType: SpreadsheetContentTypes[format],
      contentBase64: content.toString('base64'),
      rules: found.length,
      rows: sheetRows.length,
    };
  }
}
