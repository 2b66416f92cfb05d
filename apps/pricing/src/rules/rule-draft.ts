import {
  BreakBases,
  type BreakBasis,
  CLASS_PATTERN,
  CODE_PATTERN,
  CURRENCY_PATTERN,
  type Currency,
  type FieldError,
  REGION_PATTERN,
  RULE_CODE_PATTERN,
  type RuleMethod,
  RuleMethods,
  type RuleTarget,
  RuleTargets,
  SKU_PATTERN,
  TextLimits,
} from '#contracts';
import { DomainError } from '#platform';
import type { RuleBreak, RuleTargetValues } from '../engine/pricing-model.js';
import { toPriceDate, todayUtc } from '../prices/price-date.js';
import { breaksFromInput, type RuleBreakInputLike } from './rule-breaks.js';

/** A rule's stored fields, checked and normalised: what create, update and import write. */
export interface RuleDraft extends RuleTargetValues {
  code: string;
  description: string;
  currency: Currency;
  method: RuleMethod;
  breakBasis: BreakBasis;
  breaks: RuleBreak[];
  validFrom: string;
  validTo?: string;
}

/** Rule fields as an API request or a spreadsheet gives them: `undefined` keeps, `null` clears. */
export interface RuleFieldsInput extends Partial<Record<RuleTarget, string | null>> {
  code?: string;
  description?: string;
  currency?: string;
  method?: string;
  breakBasis?: string;
  unitPriceMinor?: number;
  percent?: number;
  breaks?: RuleBreakInputLike[];
  validFrom?: string;
  validTo?: string | null;
}

const TARGET_PATTERNS: Record<RuleTarget, { pattern: RegExp; what: string }> = {
  customerId: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, what: 'a UUID' },
  customerType: { pattern: CLASS_PATTERN, what: 'a code of 1-32 letters, digits, dot, dash or underscore' },
  sku: { pattern: SKU_PATTERN, what: 'a valid SKU' },
  category: { pattern: CLASS_PATTERN, what: 'a code of 1-32 letters, digits, dot, dash or underscore' },
  shipToRegion: { pattern: REGION_PATTERN, what: 'a region code such as NL or US-NY' },
  shipFromLocation: { pattern: CODE_PATTERN, what: 'a valid location code' },
};

/**
 * Checks rule fields (over `base`, the stored rule, for a change) and returns the rule to
 * store, or every problem found, each naming its field. The rules: a code and a known
 * currency; at least one target; a method with values that fit it (a price is a whole
 * number ≥ 0, a discount 0-100%, a markup 0-10,000%, at most 4 decimals); breaks that
 * ascend; valid dates with the end not before the start.
 */
export function draftRule(input: RuleFieldsInput, base?: RuleDraft): { draft?: RuleDraft; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const problem = (field: string, text: string) => errors.push({ field, problems: [text] });
  const code = checked(
    input.code ?? base?.code,
    'code',
    RULE_CODE_PATTERN,
    '1-64 letters, digits, dot, dash or underscore',
    problem,
  );
  const currency = checked(
    input.currency ?? base?.currency,
    'currency',
    CURRENCY_PATTERN,
    'a supported ISO 4217 code',
    problem,
  ) as Currency;
  const method = oneOf(input.method ?? base?.method, 'method', RuleMethods, problem);
  const breakBasis = oneOf(input.breakBasis ?? base?.breakBasis ?? 'QUANTITY', 'breakBasis', BreakBases, problem);
  const targets = mergeTargets(input, base, problem);
  const breaks = method && breakBasis ? ruleBreaks(input, base, method, breakBasis, errors) : undefined;
  const dates = ruleDates(input, base, problem);
  const description = (input.description ?? base?.description ?? '').trim();
  if (description.length > TextLimits.note)
    problem('description', `description must be at most ${TextLimits.note} characters`);
  if (description.includes('\u0000')) problem('description', 'description must not contain NUL characters (\\u0000)');
  if (errors.length > 0 || !code || !method || !breakBasis || !breaks || !dates) return { errors };
  return { draft: { code, description, currency, ...targets, method, breakBasis, breaks, ...dates }, errors };
}

type Problem = (field: string, text: string) => void;

function checked(
  value: string | undefined,
  field: string,
  pattern: RegExp,
  what: string,
  problem: Problem,
): string | undefined {
  if (value === undefined || value === '') {
    problem(field, `${field} is required`);
    return undefined;
  }
  if (!pattern.test(value)) problem(field, `${field} must be ${what}`);
  return value;
}

function oneOf<T extends string>(
  value: string | undefined,
  field: string,
  allowed: readonly T[],
  problem: Problem,
): T | undefined {
  if (value === undefined || value === '') {
    problem(field, `${field} is required (${allowed.join(', ')})`);
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    problem(field, `${field} must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return value as T;
}

function mergeTargets(input: RuleFieldsInput, base: RuleDraft | undefined, problem: Problem): RuleTargetValues {
  const targets: RuleTargetValues = {};
  for (const target of RuleTargets) {
    const given = input[target];
    const value = given === undefined ? base?.[target] : given === null || given === '' ? undefined : given;
    if (value === undefined) continue;
    const { pattern, what } = TARGET_PATTERNS[target];
    if (!pattern.test(value)) problem(target, `${target} must be ${what}`);
    targets[target] = value;
  }
  if (Object.keys(targets).length === 0) {
    problem('targets', `a rule needs at least one target: ${RuleTargets.join(', ')}`);
  }
  return targets;
}

function ruleBreaks(
  input: RuleFieldsInput,
  base: RuleDraft | undefined,
  method: RuleMethod,
  basis: BreakBasis,
  errors: FieldError[],
) {
  const given = input.breaks !== undefined || input.unitPriceMinor !== undefined || input.percent !== undefined;
  if (!given && base && base.method === method) return base.breaks;
  if (!given) {
    const why = base ? `changing the method to ${method} needs its values` : 'a rule needs its value';
    errors.push({
      field: 'breaks',
      problems: [`${why}: unitPriceMinor (PRICE), percent (DISCOUNT, MARKUP) or breaks`],
    });
    return undefined;
  }
  return breaksFromInput(input, method, basis, errors);
}

function ruleDates(
  input: RuleFieldsInput,
  base: RuleDraft | undefined,
  problem: Problem,
): { validFrom: string; validTo?: string } | undefined {
  const validFrom =
    input.validFrom === undefined
      ? (base?.validFrom ?? todayUtc())
      : dateOrProblem(input.validFrom, 'validFrom', problem);
  const validTo =
    input.validTo === undefined
      ? base?.validTo
      : input.validTo === null
        ? undefined
        : dateOrProblem(input.validTo, 'validTo', problem);
  if (validFrom === undefined || (input.validTo && validTo === undefined)) return undefined;
  if (validTo !== undefined && validTo < validFrom) {
    problem('validTo', `validTo ${validTo} is before validFrom ${validFrom}: a rule must end on or after its start`);
    return undefined;
  }
  return validTo === undefined ? { validFrom } : { validFrom, validTo };
}

function dateOrProblem(value: string, field: string, problem: Problem): string | undefined {
  try {
    return toPriceDate(value, field);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problem(field, `${field} must be an ISO date (YYYY-MM-DD)`);
    return undefined;
  }
}

/** True when two drafts would store the same rule (a change to it would change nothing). */
export function sameDraft(a: RuleDraft, b: RuleDraft): boolean {
  const fields = [
    'code',
    'description',
    'currency',
    ...RuleTargets,
    'method',
    'breakBasis',
    'validFrom',
    'validTo',
  ] as const;
  return (
    fields.every((f) => a[f] === b[f]) &&
    a.breaks.length === b.breaks.length &&
    a.breaks.every((x, i) => x.from === b.breaks[i].from && x.value === b.breaks[i].value)
  );
}

/** Only a draft's own fields (a stored rule also carries id and version). */
export function draftOf(rule: RuleDraft): RuleDraft {
  const { code, description, currency, method, breakBasis, breaks, validFrom, validTo } = rule;
  const targets: RuleTargetValues = {};
  for (const target of RuleTargets) if (rule[target] !== undefined) targets[target] = rule[target];
  return {
    code,
    description,
    currency,
    ...targets,
    method,
    breakBasis,
    breaks,
    validFrom,
    ...(validTo === undefined ? {} : { validTo }),
  };
}
