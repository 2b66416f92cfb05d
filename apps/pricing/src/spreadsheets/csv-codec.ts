import { CsvError, parse } from 'csv-parse/sync';
import type { SheetCell, SheetTable } from './sheet-table.js';
import { unreadableFile } from './sheet-table.js';

/**
 * Reads CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks in double
 * quotes, UTF-8 with or without a byte order mark). Blank lines are skipped; a row's
 * number is its line in the file, as a spreadsheet program opening it shows it.
 */
export function readCsv(content: Buffer): SheetTable {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const where = error instanceof CsvError ? ` (${error.message})` : '';
    throw unreadableFile(`not a valid CSV file${where}`);
  }
  if (records.length === 0) throw unreadableFile('the file is empty: the first row must name the columns');
  const [head, ...data] = records;
  return {
    header: head.record.map((h) => h.trim()),
    rows: data.map((r) => ({ rowNumber: r.info.lines, cells: r.record })),
  };
}

/** Writes CSV: comma-separated, CRLF line ends, UTF-8; fields that need it in double quotes. */
export function writeCsv(header: readonly string[], rows: ReadonlyArray<readonly SheetCell[]>): Buffer {
  const lines = [header, ...rows].map((cells) => cells.map(csvField).join(','));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function csvField(value: SheetCell): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
