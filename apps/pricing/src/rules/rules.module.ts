import { Module } from '@nestjs/common';
import { ChangeRuleService } from './change-rule.service.js';
import { CreateRuleService } from './create-rule.service.js';
import { ListRulesService } from './list-rules.service.js';
import { RulesHandler } from './rules.handler.js';
import { RuleStore } from './rule-store.js';

@Module({
  controllers: [RulesHandler],
  providers: [RuleStore, CreateRuleService, ChangeRuleService, ListRulesService],
  exports: [RuleStore],
})
export class RulesModule {}
