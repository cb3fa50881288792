import { confusableTerm } from './confusable-term';
import { inconsistentTerm } from './inconsistent-term';
import { nonstandardName } from './nonstandard-name';
import type { Rule } from './rule';
import { undefinedAbbreviation } from './undefined-abbreviation';

/** Every rule, in reporting order. Adding a rule: a file here, an entry below, messages, a setting. */
export const RULES: readonly Rule[] = [nonstandardName, confusableTerm, inconsistentTerm, undefinedAbbreviation];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export type { Rule, RuleContext, RuleFinding } from './rule';
