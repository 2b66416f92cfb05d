import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PriceRuleView } from '#contracts';
import { auditActorOf, currentContext, DomainError, rows } from '#platform';
import { specificity } from '../engine/rule-precedence.js';
import { RULE_COLUMNS, type RuleRow, toPriceRule } from '../store/pricing-rows.js';
import { breaksToView } from './rule-breaks.js';
import type { RuleDraft } from './rule-draft.js';

/** A rule as stored: its draft fields plus identity and version. */
export interface StoredRule extends RuleDraft {
  id: string;
  version: number;
}

/** The columns a draft is written as, in the shape jsonb_to_recordset reads. */
const DRAFT_RECORD = `x(id uuid, code text, description text, currency text, customer_id text, customer_type text, sku text, category text,
  ship_to_region text, location_code text, method text, break_basis text, breaks jsonb, valid_from date, valid_to date)`;

/**
 * Reads and writes price rules. Every write runs in a transaction holding one advisory
 * lock, so checks made inside it (code taken, precedence conflict) cannot be raced; the
 * unique indexes stay the last word.
 */
@Injectable()
export class RuleStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource
      .transaction(async (em) => {
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('pricing.price_rules'))`);
        return work(em);
      })
      .catch((error: unknown) => {
        throw uniqueViolationAsDomainError(error) ?? error;
      });
  }

  async byId(em: EntityManager | DataSource, id: string): Promise<StoredRule> {
    const [row] = await rows<RuleRow>(em, `SELECT ${RULE_COLUMNS} FROM pricing.price_rules WHERE id = $1`, [id]);
    if (!row) throw new DomainError('PRICE_RULE_NOT_FOUND', `No price rule with id ${id}`, { id });
    return toPriceRule(row);
  }

  async byCodes(em: EntityManager, codes: readonly string[]): Promise<Map<string, StoredRule>> {
    const found = await rows<RuleRow>(
      em,
      `SELECT ${RULE_COLUMNS} FROM pricing.price_rules WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(found.map((row) => [row.code, toPriceRule(row)]));
  }

  /** Inserts the drafts; returns their ids in order. */
  async insert(em: EntityManager, drafts: readonly RuleDraft[]): Promise<string[]> {
    if (drafts.length === 0) return [];
    const inserted = await rows<{ id: string; code: string }>(
      em,
      `INSERT INTO pricing.price_rules (code, description, currency, customer_id, customer_type, sku, category, ship_to_region, location_code,
                                        method, break_basis, breaks, valid_from, valid_to)
       SELECT code, description, currency, customer_id, customer_type, sku, category, ship_to_region, location_code,
              method, break_basis, breaks, valid_from, valid_to
         FROM jsonb_to_recordset($1::jsonb) AS ${DRAFT_RECORD}
       RETURNING id, code`,
      [JSON.stringify(drafts.map((d) => toRecord(d)))],
    );
    const ids = new Map(inserted.map((r) => [r.code, r.id]));
    await this.recordVersions(em, [...ids.values()]);
    return drafts.map((d) => ids.get(d.code)!);
  }

  /** Replaces the fields of the rules with these ids and raises their versions. */
  async update(em: EntityManager, changes: ReadonlyArray<{ id: string; draft: RuleDraft }>): Promise<void> {
    if (changes.length === 0) return;
    const updated = await rows<{ id: string }>(
      em,
      `UPDATE pricing.price_rules r
          SET description = x.description, currency = x.currency, customer_id = x.customer_id, customer_type = x.customer_type,
              sku = x.sku, category = x.category, ship_to_region = x.ship_to_region, location_code = x.location_code,
              method = x.method, break_basis = x.break_basis, breaks = x.breaks, valid_from = x.valid_from, valid_to = x.valid_to,
              version = r.version + 1, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS ${DRAFT_RECORD}
        WHERE r.id = x.id
       RETURNING r.id`,
      [JSON.stringify(changes.map((c) => toRecord(c.draft, c.id)))],
    );
    await this.recordVersions(
      em,
      updated.map((r) => r.id),
    );
  }

  /**
   * For each draft (by index), the code of a stored rule, other than the drafts
   * themselves, with the same targets, currency and start date: precedence could not
   * decide between the two.
   */
  async conflicts(em: EntityManager, drafts: readonly RuleDraft[]): Promise<Map<number, string>> {
    const found = await rows<{ idx: number; code: string }>(
      em,
      `SELECT x.idx, r.code
         FROM jsonb_to_recordset($1::jsonb) AS x(idx int, currency text, customer_id text, customer_type text, sku text, category text,
                                                 ship_to_region text, location_code text, valid_from date)
         JOIN pricing.price_rules r
           ON r.currency = x.currency AND r.valid_from = x.valid_from
          AND r.customer_id IS NOT DISTINCT FROM x.customer_id AND r.customer_type IS NOT DISTINCT FROM x.customer_type
          AND r.sku IS NOT DISTINCT FROM x.sku AND r.category IS NOT DISTINCT FROM x.category
          AND r.ship_to_region IS NOT DISTINCT FROM x.ship_to_region AND r.location_code IS NOT DISTINCT FROM x.location_code
        WHERE r.code <> ALL($2::text[])`,
      [JSON.stringify(drafts.map((d, idx) => ({ idx, ...toRecord(d) }))), drafts.map((d) => d.code)],
    );
    return new Map(found.map((r) => [r.idx, r.code]));
  }

  async views(em: EntityManager | DataSource, ids: readonly string[]): Promise<PriceRuleView[]> {
    const found = await rows<RuleRow & { created_at: Date; updated_at: Date }>(
      em,
      `SELECT ${RULE_COLUMNS}, created_at, updated_at FROM pricing.price_rules WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(found.map((row) => [row.id, toRuleView(row)]));
    return ids.map((id) => byId.get(id)!);
  }

  private async recordVersions(em: EntityManager, ids: readonly string[]): Promise<void> {
    await em.query(
      `INSERT INTO pricing.price_rule_versions (rule_id, version, rule, changed_by)
       SELECT id, version, to_jsonb(r) - 'created_at' - 'updated_at', $2 FROM pricing.price_rules r WHERE id = ANY($1::uuid[])`,
      [ids, auditActorOf(currentContext()?.caller)],
    );
  }
}

/** A rule row as the API shows it. */
export function toRuleView(row: RuleRow & { created_at: Date; updated_at: Date }): PriceRuleView {
  const rule = toPriceRule(row);
  const { version, breaks, ...fields } = rule;
  return {
    ...fields,
    breaks: breaksToView(rule.method, breaks),
    specificity: specificity(rule),
    version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toRecord(draft: RuleDraft, id?: string): Record<string, unknown> {
  return {
    id: id ?? null,
    code: draft.code,
    description: draft.description,
    currency: draft.currency,
    customer_id: draft.customerId ?? null,
    customer_type: draft.customerType ?? null,
    sku: draft.sku ?? null,
    category: draft.category ?? null,
    ship_to_region: draft.shipToRegion ?? null,
    location_code: draft.shipFromLocation ?? null,
    method: draft.method,
    break_basis: draft.breakBasis,
    breaks: draft.breaks.map((b) => ({ from: b.from, value: b.value })),
    valid_from: draft.validFrom,
    valid_to: draft.validTo ?? null,
  };
}

function uniqueViolationAsDomainError(error: unknown): DomainError | undefined {
  const driver =
    (error as { driverError?: { code?: string; constraint?: string } }).driverError ??
    (error as { code?: string; constraint?: string });
  if (driver?.code !== '23505') return undefined;
  if (driver.constraint === 'price_rules_code')
    return new DomainError('ALREADY_EXISTS', 'A price rule with this code exists');
  if (driver.constraint === 'price_rules_precedence') {
    return new DomainError(
      'RULE_CONFLICT',
      'Another rule has the same targets, currency and start date: precedence could not decide between them',
    );
  }
  return undefined;
}
