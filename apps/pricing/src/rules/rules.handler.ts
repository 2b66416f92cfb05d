import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreatePriceRuleRequest,
  EndPriceRuleRequest,
  GetPriceRuleRequest,
  ListPriceRulesRequest,
  type Page,
  type PriceRuleView,
  PricingSubjects,
  UpdatePriceRuleRequest,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { ChangeRuleService } from './change-rule.service.js';
import { CreateRuleService } from './create-rule.service.js';
import { ListRulesService } from './list-rules.service.js';

@Controller()
export class RulesHandler {
  constructor(
    private readonly creator: CreateRuleService,
    private readonly changer: ChangeRuleService,
    private readonly lister: ListRulesService,
  ) {}

  @Handles(PricingSubjects.createRule)
  @AllowRoles('admin')
  create(@Payload() request: CreatePriceRuleRequest): Promise<PriceRuleView> {
    return this.creator.create(request);
  }

  @Handles(PricingSubjects.updateRule)
  @AllowRoles('admin')
  update(@Payload() request: UpdatePriceRuleRequest): Promise<PriceRuleView> {
    return this.changer.update(request);
  }

  @Handles(PricingSubjects.endRule)
  @AllowRoles('admin')
  end(@Payload() request: EndPriceRuleRequest): Promise<PriceRuleView> {
    return this.changer.end(request);
  }

  @Handles(PricingSubjects.getRule)
  @AllowRoles('admin', 'sales')
  get(@Payload() request: GetPriceRuleRequest): Promise<PriceRuleView> {
    return this.lister.get(request);
  }

  @Handles(PricingSubjects.listRules)
  @AllowRoles('admin', 'sales')
  list(@Payload() request: ListPriceRulesRequest): Promise<Page<PriceRuleView>> {
    return this.lister.list(request);
  }
}
