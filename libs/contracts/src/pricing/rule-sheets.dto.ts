import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBase64, IsBoolean, IsIn, IsOptional, MaxLength } from 'class-validator';
import { PriceRuleFilter } from './price-rules.dto.js';
import { MAX_SPREADSHEET_BYTES, SpreadsheetFormats, type SpreadsheetFormat } from './pricing.values.js';

/** `pricing.rule.export`: the rules the filter selects, one row per break. */
export class ExportPriceRulesRequest extends PriceRuleFilter {
  @ApiProperty({ enum: SpreadsheetFormats, default: 'csv' })
  @IsOptional()
  @IsIn(SpreadsheetFormats, { message: `format must be one of ${SpreadsheetFormats.join(', ')}` })
  format?: SpreadsheetFormat;
}

export class ExportPriceRulesReply {
  @ApiProperty({ example: 'price-rules.csv' }) filename: string;
  @ApiProperty({ example: 'text/csv' }) contentType: string;
  @ApiProperty({ description: 'The file, base64' }) contentBase64: string;
  @ApiProperty() rules: number;
  @ApiProperty() rows: number;
}

/** Query of the gateway's import route; the file itself is the request body. */
export class ImportPriceRulesQuery {
  @ApiPropertyOptional({
    enum: SpreadsheetFormats,
    description: 'Needed only when the Content-Type does not say (application/octet-stream)',
  })
  @IsOptional()
  @IsIn(SpreadsheetFormats, { message: `format must be one of ${SpreadsheetFormats.join(', ')}` })
  format?: SpreadsheetFormat;

  @ApiPropertyOptional({
    default: false,
    description: 'Check the file and report what would change, without applying it',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

/** `pricing.rule.import`: a CSV or XLSX file of rules, applied in full or not at all. */
export class ImportPriceRulesRequest {
  @ApiProperty({ enum: SpreadsheetFormats })
  @IsIn(SpreadsheetFormats, { message: `format must be one of ${SpreadsheetFormats.join(', ')}` })
  format: SpreadsheetFormat;

  @ApiProperty({ description: `The file, base64 (at most ${MAX_SPREADSHEET_BYTES} bytes before encoding)` })
  @IsBase64({}, { message: 'contentBase64 must be base64' })
  @MaxLength(Math.ceil(MAX_SPREADSHEET_BYTES / 3) * 4, {
    message: `the file must be at most ${MAX_SPREADSHEET_BYTES} bytes`,
  })
  contentBase64: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Check the file and report what would change, without applying it',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportPriceRulesReply {
  @ApiProperty({ enum: SpreadsheetFormats }) format: SpreadsheetFormat;
  @ApiProperty({ description: 'Data rows read (one per break)' }) rows: number;
  @ApiProperty({ description: 'Rules in the file' }) rules: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'Rules already exactly as in the file' }) unchanged: number;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [String] }) createdCodes: string[];
  @ApiProperty({ type: [String] }) updatedCodes: string[];
}
