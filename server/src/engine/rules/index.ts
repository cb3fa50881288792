import type { RuleSetting } from '../analysis';
import { confusableTerm } from './confusable-term';
import { inconsistentTerm } from './inconsistent-term';
import { nearMissName } from './near-miss-name';
import { nonstandardName } from './nonstandard-name';
import type { Rule } from './rule';
import { undefinedAbbreviation } from './undefined-abbreviation';
import { unknownDrugName } from './unknown-drug-name';

/**
 * Every rule, in reporting order. Adding a rule: a file here (with its messages), an entry below, and its
 * setting in package.json and both nls files (test/packaging/manifest.test.ts checks that they agree).
 */
export const RULES = [
  nonstandardName,
  confusableTerm,
  inconsistentTerm,
  undefinedAbbreviation,
  nearMissName,
  unknownDrugName,
] as const satisfies readonly Rule[];

/** A rule's id: a misspelt id does not compile. */
export type RuleId = (typeof RULES)[number]['id'];

/** The message ids of the rules, derived from their tables (one key of each rule's `messages`). */
export type RuleMessageId = (typeof RULES)[number]['messages'] extends infer Table
  ? Table extends unknown
    ? keyof Table
    : never
  : never;

/** The ids, as strings (settings and the CLI's --rule check names against it). */
export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

const BY_ID = new Map<string, Rule>(RULES.map((rule) => [rule.id, rule]));

/** What a rule is set to: its setting under medterm.rules (or the CLI's --rule), else the rule's default severity. */
export function ruleSetting(
  id: RuleId,
  settings: Readonly<Record<string, RuleSetting | undefined>> | undefined,
): RuleSetting {
  return settings?.[id] ?? BY_ID.get(id)!.defaultSeverity;
}

export type { Rule } from './rule';
