import type { Dictionary } from '../dictionary/dictionary';
import type { Bilingual, Finding, Region, RegimenMention, Severity, Span, TermMatch } from '../types';

/** What a rule sees: the text, every recognised term, regimens written out, and the options. */
export interface RuleContext {
  readonly text: string;
  readonly matches: readonly TermMatch[];
  readonly regimenMentions: readonly RegimenMention[];
  readonly dictionary: Dictionary;
  /** Abbreviations that need no definition (setting medterm.abbreviations.ignore). */
  readonly ignoreAbbreviations: ReadonlySet<string>;
  /** Regions that are not prose (code, URLs, math): rules that look beyond the matches skip them. */
  readonly skip?: readonly Span[];
  /** The region the text is written for (set when a Taiwan/Hong Kong name was recognised). */
  readonly region?: Region;
}

export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'>;

/**
 * A rule module. Its id is also the diagnostic code, the settings key under medterm.rules and the
 * file name; its messages live in messages.ts under "<id>.*".
 */
export interface Rule {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly description: Bilingual;
  check(context: RuleContext): RuleFinding[];
}
