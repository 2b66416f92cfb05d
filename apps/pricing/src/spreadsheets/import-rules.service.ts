import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ImportPriceRulesReply, ImportPriceRulesRequest } from '#contracts';
import { DomainError, rows } from '#platform';
import { draftOf, draftRule, type RuleDraft, sameDraft } from '../rules/rule-draft.js';
import { RuleStore, type StoredRule } from '../rules/rule-store.js';
import { readCsv } from './csv-codec.js';
import { locate, readRuleSheet, type RowProblem, type SheetRule, toFieldErrors } from './rule-sheet.js';
import type { SheetTable } from './sheet-table.js';
import { readXlsx } from './xlsx-codec.js';

/** How many row problems the error message spells out; `errors` has them all. */
const PROBLEMS_IN_MESSAGE = 10;

interface Planned {
  sheet: SheetRule;
  draft: RuleDraft;
  stored?: StoredRule;
}

@Injectable()
export class ImportRulesService {
  constructor(private readonly store: RuleStore) {}

  /**
   * Imports a CSV or XLSX sheet of rules (one row per break, matched to stored rules by
   * code). The whole file is checked first; every bad row is reported with its row number
   * and reason, and nothing is applied unless all of it is valid. A rule already exactly as
   * in the file is left alone, so importing the same file twice changes nothing the second
   * time. Rules not in the file are not touched.
   */
  async importSheet(request: ImportPriceRulesRequest): Promise<ImportPriceRulesReply> {
    const content = Buffer.from(request.contentBase64, 'base64');
    const table: SheetTable = request.format === 'xlsx' ? await readXlsx(content) : readCsv(content);
    const { rules: sheetRules, problems } = readRuleSheet(table);
    return this.store.write(async (em) => {
      const stored = await this.store.byCodes(
        em,
        sheetRules.map((r) => r.code),
      );
      const planned = plan(sheetRules, stored, problems);
      problems.push(
        ...duplicateKeys(planned),
        ...(await this.storedConflicts(em, planned)),
        ...(await idProblems(em, sheetRules)),
      );
      if (problems.length > 0) throw badRows(problems);
      const created = planned.filter((p) => !p.stored);
      const updated = planned.filter((p) => p.stored && !sameDraft(p.draft, draftOf(p.stored)));
      if (!request.dryRun) {
        await this.store.insert(
          em,
          created.map((p) => p.draft),
        );
        await this.store.update(
          em,
          updated.map((p) => ({ id: p.stored!.id, draft: p.draft })),
        );
      }
      return {
        format: request.format,
        rows: table.rows.length,
        rules: planned.length,
        created: created.length,
        updated: updated.length,
        unchanged: planned.length - created.length - updated.length,
        dryRun: request.dryRun ?? false,
        createdCodes: created.map((p) => p.draft.code),
        updatedCodes: updated.map((p) => p.draft.code),
      };
    });
  }

  /** A rule in the file with the same targets, currency and start date as a stored rule not in the file. */
  private async storedConflicts(em: EntityManager, planned: readonly Planned[]): Promise<RowProblem[]> {
    const conflicts = await this.store.conflicts(
      em,
      planned.map((p) => p.draft),
    );
    return [...conflicts].map(([index, other]) => ({
      row: planned[index].sheet.rows[0],
      column: 'code',
      problem: `rule ${planned[index].draft.code} has the same targets, currency and validFrom as stored rule ${other}: precedence could not decide`,
    }));
  }
}

/** Each sheet rule checked as a whole rule; a blank validFrom keeps a stored rule's start. */
function plan(
  sheetRules: readonly SheetRule[],
  stored: ReadonlyMap<string, StoredRule>,
  problems: RowProblem[],
): Planned[] {
  const planned: Planned[] = [];
  for (const sheet of sheetRules) {
    const existing = stored.get(sheet.code);
    const input =
      existing && sheet.input.validFrom === undefined ? { ...sheet.input, validFrom: existing.validFrom } : sheet.input;
    const { draft, errors } = draftRule(input);
    problems.push(...errors.flatMap((error) => locate(sheet, error)));
    if (draft) planned.push({ sheet, draft, ...(existing ? { stored: existing } : {}) });
  }
  return planned;
}

/** Two rules of the file with the same targets, currency and start date. */
function duplicateKeys(planned: readonly Planned[]): RowProblem[] {
  const seen = new Map<string, Planned>();
  const problems: RowProblem[] = [];
  for (const p of planned) {
    const d = p.draft;
    const key = JSON.stringify([
      d.currency,
      d.customerId,
      d.customerType,
      d.sku,
      d.category,
      d.shipToRegion,
      d.shipFromLocation,
      d.validFrom,
    ]);
    const first = seen.get(key);
    if (!first) seen.set(key, p);
    else {
      const problem = `rule ${d.code} has the same targets, currency and validFrom as rule ${first.draft.code} (row ${first.sheet.rows[0]}): precedence could not decide`;
      problems.push({ row: p.sheet.rows[0], column: 'code', problem });
    }
  }
  return problems;
}

/** An id in the sheet must be the stored id of the rule with that code (codes cannot be renamed by import). */
async function idProblems(em: EntityManager, sheetRules: readonly SheetRule[]): Promise<RowProblem[]> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const withId = sheetRules.filter((r) => r.id !== undefined);
  const problems: RowProblem[] = withId
    .filter((r) => !uuid.test(r.id!))
    .map((r) => ({ row: r.rows[0], column: 'id', problem: `id must be a rule's UUID or empty (got "${r.id}")` }));
  const ids = withId.filter((r) => uuid.test(r.id!)).map((r) => r.id!);
  const found = await rows<{ id: string; code: string }>(
    em,
    `SELECT id::text, code FROM pricing.price_rules WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const codeOf = new Map(found.map((r) => [r.id, r.code]));
  for (const rule of withId.filter((r) => uuid.test(r.id!))) {
    const owner = codeOf.get(rule.id!.toLowerCase());
    if (owner === undefined)
      problems.push({
        row: rule.rows[0],
        column: 'id',
        problem: `no rule has id ${rule.id}: leave id empty for a new rule`,
      });
    else if (owner !== rule.code) {
      problems.push({
        row: rule.rows[0],
        column: 'id',
        problem: `id ${rule.id} is rule ${owner}'s, not ${rule.code}'s: rules are matched by code, which an import cannot change`,
      });
    }
  }
  return problems;
}

function badRows(problems: readonly RowProblem[]): DomainError {
  const fields = toFieldErrors(problems);
  const rowCount = new Set(problems.map((p) => p.row)).size;
  const shown = fields
    .slice(0, PROBLEMS_IN_MESSAGE)
    .map((f) => `${f.field.replace(/^rows\[(\d+)\]\./, 'row $1 ')}: ${f.problems.join(', ')}`);
  const more = fields.length > PROBLEMS_IN_MESSAGE ? `; and ${fields.length - PROBLEMS_IN_MESSAGE} more` : '';
  return new DomainError(
    'VALIDATION_FAILED',
    `The file has ${rowCount} bad row${rowCount === 1 ? '' : 's'}, so nothing was applied: ${shown.join('; ')}${more}`,
    { fields },
  );
}
