import { Injectable } from '@nestjs/common';
import type { EndPriceRuleRequest, PriceRuleView, UpdatePriceRuleRequest } from '#contracts';
import { validationFailed } from '#platform';
import { todayUtc } from '../prices/price-date.js';
import { ruleConflict } from './create-rule.service.js';
import { draftOf, draftRule, type RuleFieldsInput, sameDraft } from './rule-draft.js';
import { RuleStore } from './rule-store.js';

@Injectable()
export class ChangeRuleService {
  constructor(private readonly store: RuleStore) {}

  /**
   * Changes a rule in place: fields given replace the stored ones (`null` clears a target
   * or the end date), and the whole result is checked as on create. A change that changes
   * nothing keeps the version; any other raises it and is kept in the rule's history.
   */
  update(request: UpdatePriceRuleRequest): Promise<PriceRuleView> {
    const { id, ...fields } = request;
    return this.change(id, fields);
  }

  /** Ends a rule: it applies up to and including `validTo` (today when absent), not after. */
  end(request: EndPriceRuleRequest): Promise<PriceRuleView> {
    return this.change(request.id, { validTo: request.validTo ?? todayUtc() });
  }

  private change(id: string, fields: RuleFieldsInput): Promise<PriceRuleView> {
    return this.store.write(async (em) => {
      const stored = await this.store.byId(em, id);
      const { draft, errors } = draftRule({ ...fields, code: undefined }, draftOf(stored));
      if (!draft) throw validationFailed(errors);
      if (!sameDraft(draft, draftOf(stored))) {
        const conflict = (await this.store.conflicts(em, [draft])).get(0);
        if (conflict !== undefined) throw ruleConflict(draft.code, conflict);
        await this.store.update(em, [{ id, draft }]);
      }
      const [view] = await this.store.views(em, [id]);
      return view;
    });
  }
}
