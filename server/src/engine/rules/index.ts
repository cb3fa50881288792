import { confusableTerm } from './confusable-term';
import { inconsistentTerm } from './inconsistent-term';
import { nearMissName } from './near-miss-name';
import { nonstandardName } from './nonstandard-name';
import type { Rule } from './rule';
import { undefinedAbbreviation } from './undefined-abbreviation';
import { unknownDrugName } from './unknown-drug-name';

/** Every rule, in reporting order. Adding a rule: a file here, an entry below, messages, a setting. */
export const RULES: readonly Rule[] = [
  nonstandardName,
  confusableTerm,
  inconsistentTerm,
  undefinedAbbreviation,
  nearMissName,
  unknownDrugName,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export type { Rule, RuleContext, RuleFinding } from './rule';
