import type { FieldError } from '#contracts';
import { DomainError } from '#platform';

/** One data row of a spreadsheet: its row number as a spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

/** A spreadsheet read as text: a header row and data rows, every cell trimmed ('' when empty). */
export interface SheetTable {
  header: string[];
  rows: SheetRow[];
}

/** A cell value to write: text, or a number (XLSX keeps it numeric). */
export type SheetCell = string | number;

/** The file cannot be read at all: nothing in it can be applied. */
export function unreadableFile(problem: string): DomainError {
  const fields: FieldError[] = [{ field: 'file', problems: [problem] }];
  return new DomainError('VALIDATION_FAILED', `The file cannot be read, nothing was applied: ${problem}`, { fields });
}
