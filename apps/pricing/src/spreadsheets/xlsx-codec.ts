import ExcelJS from 'exceljs';
import type { SheetCell, SheetTable } from './sheet-table.js';
import { unreadableFile } from './sheet-table.js';

/**
 * Reads the first worksheet of an XLSX workbook: row 1 names the columns. Numbers become
 * their decimal text, dates `YYYY-MM-DD`, formulas their cached result; empty rows are
 * skipped and a row's number is the one the spreadsheet shows.
 */
export async function readXlsx(content: Buffer): Promise<SheetTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unreadableFile('not a valid XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0)
    throw unreadableFile('the workbook has no rows: the first row must name the columns');
  const read: Array<{ rowNumber: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]));
    if (cells.some((c) => c !== '')) read.push({ rowNumber, cells });
  });
  const [head, ...rows] = read;
  if (!head || head.rowNumber !== 1) throw unreadableFile('row 1 must name the columns');
  return { header: head.cells, rows };
}

/** Writes one worksheet, `rules`, with a bold header row; numbers stay numbers. */
export async function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly SheetCell[]>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(Math.max(header[i].length + 2, 12), 40);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; result?: unknown; text?: string; error?: string };
    if (cell.richText)
      return cell.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('result' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text.trim();
    if (cell.error) return cell.error;
  }
  return String(value);
}
