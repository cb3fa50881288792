import type { Dictionary } from './dictionary/dictionary';
import { findRegimenMentions } from './regimens';
import { RULES } from './rules';
import { documentKind, skippedRegions } from './scope';
import { buildMatchText } from './text/matchText';
import type { Finding, RegimenMention, Severity, TermMatch } from './types';

export type RuleSetting = Severity | 'off';

export interface AnalysisOptions {
  /** LSP language id: markdown, latex, plaintext… decides which regions are skipped. */
  readonly languageId?: string;
  /** Severity per rule id; "off" disables a rule. */
  readonly rules?: Readonly<Record<string, RuleSetting | undefined>>;
  readonly ignoreAbbreviations?: readonly string[];
}

/** Everything the features need about one version of one text. */
export interface Analysis {
  readonly text: string;
  readonly matches: readonly TermMatch[];
  readonly regimenMentions: readonly RegimenMention[];
  readonly findings: readonly Finding[];
}

/** Recognise terms and run the rules. Pure: same text, dictionary and options → same analysis. */
export function analyze(text: string, dictionary: Dictionary, options: AnalysisOptions = {}): Analysis {
  const kind = documentKind(options.languageId ?? 'plaintext');
  const matchText = buildMatchText(text, { skip: skippedRegions(text, kind), paragraphBarrier: kind !== 'plaintext' });
  const matches = dictionary.matcher.scanMatchText(text, matchText);
  const regimenMentions = findRegimenMentions(text, matches, dictionary);
  const context = { text, matches, regimenMentions, dictionary, ignoreAbbreviations: new Set(options.ignoreAbbreviations ?? []) };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    for (const finding of rule.check(context)) findings.push({ ...finding, ruleId: rule.id, severity: setting });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { text, matches, regimenMentions, findings };
}
