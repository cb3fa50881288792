import type { Dictionary } from './dictionary/dictionary';
import { findRegimenMentions } from './regimens';
import { RULES, ruleSetting } from './rules';
import { documentKind, linkedHeadings, skippedRegions } from './scope';
import { runPatterns } from './dictionary/patterns';
import { flatString } from './text/flat';
import { lineBreakKeeper } from './text/lineBreaks';
import { normaliseSurface } from './text/matchText';
import { scanDictionary, type ScanState } from './incremental';
import { documentRegion, type RegionSetting } from './region';
import type { Finding, RegimenMention, Severity, Span, TermMatch } from './types';

export type RuleSetting = Severity | 'off';

export interface AnalysisOptions {
  /** LSP language id: markdown, latex, plaintext… decides which regions are skipped. */
  readonly languageId?: string;
  /** Severity per rule id; "off" disables a rule. */
  readonly rules?: Readonly<Record<string, RuleSetting | undefined>>;
  readonly ignoreAbbreviations?: readonly string[];
  /**
   * The region the text is written for (medterm.region): Taiwan/Hong Kong names are accepted in zh-TW/zh-HK
   * and suggested to the mainland name in zh-CN. `auto` (the default): the document's declaration, else its script.
   */
  readonly region?: RegionSetting;
  /**
   * The analysis of an earlier version of this text (same dictionary and language): its matches are reused
   * outside the edited part. The result is the same as without it.
   */
  readonly previous?: Analysis;
}

/** Everything the features need about one version of one text. */
export interface Analysis {
  readonly text: string;
  readonly matches: readonly TermMatch[];
  readonly regimenMentions: readonly RegimenMention[];
  readonly findings: readonly Finding[];
  /** For the analysis of the next version (options.previous). */
  readonly scan?: ScanState;
}

/** Recognise terms and run the rules. Pure: same text, dictionary and options → same analysis. */
export function analyze(source: string, dictionary: Dictionary, options: AnalysisOptions = {}): Analysis {
  const text = flatString(source);
  const kind = documentKind(options.languageId ?? 'plaintext');
  const skip = skippedRegions(text, kind);
  const scanned = scanDictionary(text, dictionary, kind, skip, options.previous?.scan);
  const matches = withPatternMatches(text, scanned, dictionary, skip);
  const regimenMentions = findRegimenMentions(text, matches, dictionary);
  // Only a document with a Taiwan/Hong Kong name needs its region (counting its script reads the whole text).
  const region = matches.some((match) => match.surface.accepted?.kind === 'regional')
    ? documentRegion(text, options.region)
    : undefined;
  const context = {
    text,
    matches,
    regimenMentions,
    dictionary,
    ignoreAbbreviations: new Set(options.ignoreAbbreviations ?? []),
    skip,
    region,
  };
  const findings: Finding[] = [];
  const keepLineBreaks = lineBreakKeeper(text);
  for (const rule of RULES) {
    const setting = ruleSetting(rule.id, options.rules);
    if (setting === 'off') continue;
    // A fix across a soft line break keeps the break (and its CRLF): the file's lines do not change.
    for (const finding of rule.check(context))
      findings.push({ ...finding, fixes: keepLineBreaks(finding.fixes), ruleId: rule.id, severity: setting });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const accepted =
    dictionary.accepted.size === 0
      ? findings
      : findings.filter(
          (finding) =>
            !dictionary.accepted.has(normaliseSurface(text.slice(finding.span.start, finding.span.end)).folded),
        );
  // A heading a link of this document points to: renaming it would break the link, so its fixes are suggestions.
  const linked = linkedHeadings(text, kind);
  const inLinked = (span: Span): boolean =>
    linked.some((heading) => span.start < heading.end && span.end > heading.start);
  const kept =
    linked.length === 0
      ? accepted
      : accepted.map((finding) =>
          inLinked(finding.span)
            ? {
                ...finding,
                fixes: finding.fixes.map((fix) =>
                  fix.tier === 'safe' ? { ...fix, tier: 'suggestion' as const } : fix,
                ),
              }
            : finding,
        );
  return { text, matches, regimenMentions, findings: kept, scan: { text, dictionary, kind, skip, matches: scanned } };
}

/**
 * Add the matches of users' pattern rules (prh). A pattern match wins over dictionary matches it
 * overlaps when it is at least as long (a user's rule is the more specific one: 骨髓瘤系 over 骨髓瘤,
 * javascript → JavaScript over the case-insensitive name); otherwise it is dropped.
 */
function withPatternMatches(
  text: string,
  matches: TermMatch[],
  dictionary: Dictionary,
  skip: readonly Span[],
): TermMatch[] {
  if (dictionary.patterns.length === 0) return matches;
  let kept = matches;
  const extra: TermMatch[] = [];
  for (const found of runPatterns(text, dictionary.patterns, skip)) {
    const overlaps = (other: { span: Span }): boolean =>
      other.span.start < found.span.end && other.span.end > found.span.start;
    if (extra.some(overlaps)) continue;
    const length = found.span.end - found.span.start;
    const covered = kept.filter(overlaps);
    if (covered.some((other) => other.span.end - other.span.start > length)) continue;
    if (covered.length > 0) kept = kept.filter((other) => !overlaps(other));
    extra.push({
      span: found.span,
      text: found.text,
      conceptId: found.rule.conceptId!,
      surface: {
        text: found.text,
        conceptId: found.rule.conceptId!,
        role: 'variant',
        caseSensitive: true,
        variant: {
          text: found.text,
          kind: 'nonstandard-term',
          replaceWith: found.replacement,
          note: found.rule.note,
          ...(found.rule.suggestion ? { suggestionOnly: true } : {}),
        },
      },
    });
  }
  return extra.length === 0 ? matches : [...kept, ...extra].sort((a, b) => a.span.start - b.span.start);
}
