import { Injectable } from '@nestjs/common';
import type { CreatePriceRuleRequest, PriceRuleView } from '#contracts';
import { DomainError, validationFailed } from '#platform';
import { draftRule } from './rule-draft.js';
import { RuleStore } from './rule-store.js';

@Injectable()
export class CreateRuleService {
  constructor(private readonly store: RuleStore) {}

  /**
   * Creates a price rule. Refused with VALIDATION_FAILED naming each bad field, with
   * ALREADY_EXISTS when the code is taken, and with RULE_CONFLICT when a rule with the same
   * targets, currency and start date exists (precedence could not decide between them).
   */
  async create(request: CreatePriceRuleRequest): Promise<PriceRuleView> {
    const { draft, errors } = draftRule(request);
    if (!draft) throw validationFailed(errors);
    return this.store.write(async (em) => {
      const existing = await this.store.byCodes(em, [draft.code]);
      if (existing.has(draft.code)) {
        throw new DomainError('ALREADY_EXISTS', `A price rule with code ${draft.code} exists`, {
          code: draft.code,
          id: existing.get(draft.code)!.id,
        });
      }
      const conflict = (await this.store.conflicts(em, [draft])).get(0);
      if (conflict !== undefined) throw ruleConflict(draft.code, conflict);
      const [id] = await this.store.insert(em, [draft]);
      const [view] = await this.store.views(em, [id]);
      return view;
    });
  }
}

/** RULE_CONFLICT naming both rules. */
export function ruleConflict(code: string, other: string): DomainError {
  return new DomainError(
    'RULE_CONFLICT',
    `Rule ${code} has the same targets, currency and start date as rule ${other}: precedence could not decide between them ` +
      '(give one another start date, or change the existing rule instead)',
    { code, conflictsWith: other },
  );
}
