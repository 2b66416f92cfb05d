import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { GetPriceRuleRequest, ListPriceRulesRequest, Page, PriceRuleView } from '#contracts';
import { rows } from '#platform';
import { RULE_COLUMNS, type RuleRow } from '../store/pricing-rows.js';
import { ruleFilterSql } from './rule-filter.js';
import { RuleStore, toRuleView } from './rule-store.js';

@Injectable()
export class ListRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: RuleStore,
  ) {}

  /** Rules matching every filter given, by code, in pages. */
  async list(request: ListPriceRulesRequest): Promise<Page<PriceRuleView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const { where, params } = ruleFilterSql(request);
    const [{ total }] = await rows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM pricing.price_rules ${where}`,
      params,
    );
    const found = await rows<RuleRow & { created_at: Date; updated_at: Date }>(
      this.dataSource,
      `SELECT ${RULE_COLUMNS}, created_at, updated_at FROM pricing.price_rules ${where}
        ORDER BY code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items: found.map(toRuleView), total: Number(total), limit, offset };
  }

  async get(request: GetPriceRuleRequest): Promise<PriceRuleView> {
    const rule = await this.store.byId(this.dataSource, request.id);
    const [view] = await this.store.views(this.dataSource, [rule.id]);
    return view;
  }
}
