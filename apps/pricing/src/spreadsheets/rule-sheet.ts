import { type FieldError, RULE_CODE_PATTERN, RuleTargets } from '#contracts';
import { ppmToPercent } from '../engine/money-math.js';
import type { RuleBreakInputLike } from '../rules/rule-breaks.js';
import type { RuleFieldsInput } from '../rules/rule-draft.js';
import type { StoredRule } from '../rules/rule-store.js';
import type { SheetCell, SheetRow, SheetTable } from './sheet-table.js';

/** The columns of a price rule sheet, in export order. One row per break of a rule. */
export const RULE_COLUMNS = [
  'code',
  'description',
  'currency',
  ...RuleTargets,
  'method',
  'breakBasis',
  'breakFrom',
  'unitPriceMinor',
  'percent',
  'validFrom',
  'validTo',
  'id',
] as const;
type Column = (typeof RULE_COLUMNS)[number];

/** Columns every row of one rule must agree on. */
const RULE_LEVEL = [
  'description',
  'currency',
  ...RuleTargets,
  'method',
  'breakBasis',
  'validFrom',
  'validTo',
  'id',
] as const;
const REQUIRED: readonly Column[] = ['code', 'currency', 'method'];

/** The rows of one rule in a sheet, read into rule fields (breaks ascending by `from`). */
export interface SheetRule {
  code: string;
  /** Row numbers, in the order of `input.breaks`. */
  rows: number[];
  input: RuleFieldsInput;
  id?: string;
}

/** A problem with one cell (or row) of the sheet. */
export interface RowProblem {
  row: number;
  column: string;
  problem: string;
}

/** The sheet rows of a rule: one per break, ascending. */
export function ruleToRows(rule: StoredRule): SheetCell[][] {
  return rule.breaks.map((b) => {
    const cells: Record<Column, SheetCell> = {
      code: rule.code,
      description: rule.description,
      currency: rule.currency,
      customerId: rule.customerId ?? '',
      customerType: rule.customerType ?? '',
      sku: rule.sku ?? '',
      category: rule.category ?? '',
      shipToRegion: rule.shipToRegion ?? '',
      shipFromLocation: rule.shipFromLocation ?? '',
      method: rule.method,
      breakBasis: rule.breakBasis,
      breakFrom: b.from,
      unitPriceMinor: rule.method === 'PRICE' ? b.value : '',
      percent: rule.method === 'PRICE' ? '' : ppmToPercent(b.value),
      validFrom: rule.validFrom,
      validTo: rule.validTo ?? '',
      id: rule.id,
    };
    return RULE_COLUMNS.map((c) => cells[c]);
  });
}

/** Reads a sheet into rules, grouping rows by code; every problem names its row. */
export function readRuleSheet(table: SheetTable): { rules: SheetRule[]; problems: RowProblem[] } {
  const problems = headerProblems(table.header);
  if (problems.length > 0) return { rules: [], problems };
  const index = new Map(table.header.map((name, i) => [name, i]));
  const cell = (row: SheetRow, column: Column) => row.cells[index.get(column) ?? -1] ?? '';
  const groups = new Map<string, SheetRow[]>();
  for (const row of table.rows) {
    if (row.cells.length > table.header.length && row.cells.slice(table.header.length).some((c) => c !== '')) {
      problems.push({
        row: row.rowNumber,
        column: 'row',
        problem: `the row has more cells than the header has columns (${table.header.length})`,
      });
    }
    // The same rules as the API's: no text may hold a NUL character (no rule could store it).
    table.header.forEach((column, i) => {
      if (row.cells[i]?.includes('\u0000'))
        problems.push({ row: row.rowNumber, column, problem: `${column} must not contain NUL characters (\\u0000)` });
    });
    const code = cell(row, 'code');
    if (code === '')
      problems.push({
        row: row.rowNumber,
        column: 'code',
        problem: 'code is required: it names the rule the row belongs to',
      });
    else if (!RULE_CODE_PATTERN.test(code))
      problems.push({
        row: row.rowNumber,
        column: 'code',
        problem: 'code must be 1-64 letters, digits, dot, dash or underscore',
      });
    else groups.set(code, [...(groups.get(code) ?? []), row]);
  }
  const rules = [...groups].map(([code, rows]) => groupToRule(code, rows, cell, problems));
  return { rules, problems: problems.sort((a, b) => a.row - b.row) };
}

function headerProblems(header: readonly string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const known = new Set<string>(RULE_COLUMNS);
  header.forEach((name, i) => {
    if (name === '') return;
    if (!known.has(name))
      problems.push({
        row: 1,
        column: name,
        problem: `unknown column "${name}"; the columns are ${RULE_COLUMNS.join(', ')}`,
      });
    if (header.indexOf(name) !== i) problems.push({ row: 1, column: name, problem: `column "${name}" appears twice` });
  });
  for (const name of REQUIRED)
    if (!header.includes(name)) problems.push({ row: 1, column: name, problem: `the header has no "${name}" column` });
  return problems;
}

function groupToRule(
  code: string,
  rows: SheetRow[],
  cell: (row: SheetRow, column: Column) => string,
  problems: RowProblem[],
): SheetRule {
  const [first] = rows;
  for (const row of rows.slice(1)) {
    for (const column of RULE_LEVEL) {
      if (cell(row, column) !== cell(first, column)) {
        problems.push({
          row: row.rowNumber,
          column,
          problem: `${column} differs from row ${first.rowNumber}, the first row of rule ${code}`,
        });
      }
    }
  }
  const basis = cell(first, 'breakBasis') || 'QUANTITY';
  const breaks = rows
    .map((row) => ({ row: row.rowNumber, item: breakOf(row, basis, cell, problems) }))
    .sort((a, b) => a.item.from - b.item.from);
  const input: RuleFieldsInput = {
    code,
    method: cell(first, 'method'),
    breakBasis: basis,
    breaks: breaks.map((b) => b.item),
  };
  for (const column of ['description', 'currency', ...RuleTargets, 'validFrom', 'validTo'] as const) {
    const value = cell(first, column);
    if (value !== '') input[column] = value;
  }
  const id = cell(first, 'id');
  return { code, rows: breaks.map((b) => b.row), input, ...(id === '' ? {} : { id }) };
}

function breakOf(
  row: SheetRow,
  basis: string,
  cell: (row: SheetRow, column: Column) => string,
  problems: RowProblem[],
): RuleBreakInputLike {
  const number = (column: Column, pattern: RegExp, what: string): number | undefined => {
    const text = cell(row, column);
    if (text === '') return undefined;
    if (pattern.test(text)) return Number(text);
    problems.push({ row: row.rowNumber, column, problem: `${column} must be ${what} (got "${text}")` });
    return undefined;
  };
  const from = number('breakFrom', /^-?\d+$/, 'a whole number') ?? (basis === 'AMOUNT' ? 0 : 1);
  const unitPriceMinor = number('unitPriceMinor', /^-?\d+$/, 'a whole number of minor units');
  const percent = number('percent', /^-?\d+(\.\d+)?$/, 'a number such as 12.5');
  return {
    from,
    ...(unitPriceMinor === undefined ? {} : { unitPriceMinor }),
    ...(percent === undefined ? {} : { percent }),
  };
}

/** Where a rule's field problem shows in the sheet: `breaks[2].percent` is the third break's row. */
export function locate(rule: SheetRule, error: FieldError): RowProblem[] {
  const match = /^breaks\[(\d+)\]\.(\w+)$/.exec(error.field);
  const row = match ? rule.rows[Number(match[1])] : rule.rows[0];
  const column = match ? (match[2] === 'from' ? 'breakFrom' : match[2]) : error.field;
  return error.problems.map((problem) => ({ row, column, problem }));
}

/** Sheet problems as VALIDATION_FAILED fields: `rows[5].unitPriceMinor`, sorted by row. */
export function toFieldErrors(problems: readonly RowProblem[]): FieldError[] {
  return [...problems]
    .sort((a, b) => a.row - b.row)
    .map((p) => ({ field: `rows[${p.row}].${p.column}`, problems: [p.problem] }));
}
