import type { Dictionary } from '../dictionary/dictionary';
import type { MessageTable } from '../messageFormat';
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
 * file name; its messages (ids "<id>.*", in Chinese and English) are its `messages`, a table declared
 * `as const satisfies MessageTable<id>` beside it, from which messages.ts derives the type of message ids.
 */
export interface Rule<Id extends string = string, Messages extends MessageTable<Id> = MessageTable<Id>> {
  readonly id: Id;
  readonly defaultSeverity: Severity;
  readonly description: Bilingual;
  readonly messages: Messages;
  check(context: RuleContext): RuleFinding[];
}
