import { CsvError, parse } from 'csv-parse/sync';
import { CODE_PATTERN, MAX_QUANTITY, SKU_PATTERN, TextLimits } from '#contracts';
import { DomainError, validationFailed } from '#platform';

/** Columns of an order file: one row per order line; rows with the same order_ref make one order. */
export const ORDER_CSV_COLUMNS = [
  'order_ref',
  'customer_id',
  'sku',
  'quantity',
  'ship_from',
  'source',
  'priority',
  'unit_price_override',
] as const;
export type OrderCsvColumn = (typeof ORDER_CSV_COLUMNS)[number];
const REQUIRED: readonly OrderCsvColumn[] = ['order_ref', 'sku', 'quantity'];
/** Other names channel exports use for our columns. */
const ALIASES: Record<string, OrderCsvColumn> = { location: 'ship_from', source_code: 'source' };

/** One order line read from the file, with every reason it is bad (none when it is good). */
export interface OrderCsvRow {
  /** Line of the file where the row starts; the header is row 1. */
  row: number;
  orderRef: string;
  /** Customer as written: an id (UUID), a customer number (C-000001), or blank for the batch's default. */
  customer: string;
  /** Filled in once the customer is resolved. */
  customerId?: string;
  sku: string;
  quantity: number;
  shipFrom?: string;
  /** A forced source (one of our warehouses or a supplier, by its code). */
  source?: string;
  priority?: number;
  reasons: string[];
}

export interface OrderCsvFile {
  columns: OrderCsvColumn[];
  rows: OrderCsvRow[];
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

/**
 * Reads an order file (RFC 4180 CSV, UTF-8 with or without BOM, blank lines skipped). A file
 * that cannot be read at all, or whose header is wrong, is refused whole (VALIDATION_FAILED);
 * otherwise every row is returned with the reasons it is bad, so the caller can report them all.
 */
export function readOrdersCsv(csv: string): OrderCsvFile {
  let records: Parsed[];
  try {
    records = parse(csv, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as Parsed[];
  } catch (error) {
    const why = error instanceof CsvError ? error.message : String(error);
    throw validationFailed([{ field: 'csv', problems: [`the file is not valid CSV: ${why}`] }]);
  }
  if (records.length === 0)
    throw validationFailed([{ field: 'csv', problems: ['the file is empty: its first row must name the columns'] }]);
  const starts = startLines(records);
  const columns = readHeader(records[0].record);
  return { columns, rows: records.slice(1).map((parsed, i) => readRow(parsed, columns, starts[i + 1])) };
}

function readHeader(names: string[]): OrderCsvColumn[] {
  const columns = names.map((name) => {
    const key = name.trim().toLowerCase().replace(/\s+/g, '_');
    return ALIASES[key] ?? key;
  });
  const problems: string[] = [];
  const unknown = columns.filter((c) => !(ORDER_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    problems.push(
      `unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${ORDER_CSV_COLUMNS.join(', ')}`,
    );
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) problems.push(`missing column(s) ${missing.join(', ')}`);
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length) problems.push(`column(s) named twice: ${[...new Set(repeated)].join(', ')}`);
  if (problems.length)
    throw new DomainError('VALIDATION_FAILED', `The header row (row 1) is wrong: ${problems.join('; ')}`, {
      fields: [{ field: 'csv row 1', problems }],
    });
  return columns as OrderCsvColumn[];
}

function readRow(parsed: Parsed, columns: OrderCsvColumn[], row: number): OrderCsvRow {
  const { record } = parsed;
  const reasons: string[] = [];
  if (record.length !== columns.length) reasons.push(`has ${record.length} field(s), the header has ${columns.length}`);
  const cell = (column: OrderCsvColumn): string | undefined => {
    const index = columns.indexOf(column);
    return index < 0 ? undefined : (record[index] ?? '').trim();
  };
  // The same rules as the API's: no text may hold a NUL character (no order could store it).
  columns.forEach((column, i) => {
    if (record[i]?.includes('\u0000')) reasons.push(`${column} must not contain NUL characters (\\u0000)`);
  });
  const orderRef = cell('order_ref') ?? '';
  if (!orderRef) reasons.push('order_ref is empty');
  else if (orderRef.length > TextLimits.reference)
    reasons.push(`order_ref is longer than ${TextLimits.reference} characters`);
  const sku = cell('sku') ?? '';
  if (!sku) reasons.push('sku is empty');
  else if (!SKU_PATTERN.test(sku))
    reasons.push(`sku "${sku}" is not a valid SKU (1-64 letters, digits, dot, dash or underscore)`);
  const quantityText = cell('quantity') ?? '';
  const quantity = /^\d{1,8}$/.test(quantityText) ? Number(quantityText) : NaN;
  if (!quantityText) reasons.push('quantity is empty');
  else if (!(quantity >= 1 && quantity <= MAX_QUANTITY))
    reasons.push(`quantity must be a whole number from 1 to ${MAX_QUANTITY} (got "${quantityText}")`);
  const shipFrom = cell('ship_from') || undefined;
  if (shipFrom && !CODE_PATTERN.test(shipFrom)) reasons.push(`ship_from "${shipFrom}" is not a valid location code`);
  const source = cell('source') || undefined;
  if (source && !CODE_PATTERN.test(source)) reasons.push(`source "${source}" is not a valid source code`);
  const priorityText = cell('priority') || undefined;
  const priority = priorityText === undefined ? undefined : /^\d$/.test(priorityText) ? Number(priorityText) : NaN;
  if (Number.isNaN(priority)) reasons.push(`priority must be a whole number from 0 to 9 (got "${priorityText}")`);
  if (cell('unit_price_override')) {
    reasons.push(
      'unit_price_override is not supported: order lines are priced from the price lists (leave the column empty)',
    );
  }
  return { row, orderRef, customer: cell('customer_id') ?? '', sku, quantity, shipFrom, source, priority, reasons };
}

/**
 * The line each record starts on. csv-parse counts the line a record ends on, and counts a
 * CRLF inside a quoted field twice from there on; a quoted field can span lines.
 */
function startLines(records: Parsed[]): number[] {
  let doubled = 0;
  return records.map(({ record, info }) => {
    doubled += record.reduce((n, field) => n + (field.match(/\r\n/g)?.length ?? 0), 0);
    const breaks = record.reduce((n, field) => n + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return info.lines - doubled - breaks;
  });
}
