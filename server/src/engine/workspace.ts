import type { RuleSetting } from './analysis';
import { message } from './messageFormat';
import { ruleSetting } from './rules';
import { inconsistentTerm, unifyFixes } from './rules/inconsistent-term';
import { formsByConcept, preferredForm } from './rules/shared';
import type { Finding, RelatedLocation, Severity, Span, TermMatch } from './types';

/**
 * Consistency across a manuscript's files. Each file is reduced to the forms it uses per concept
 * (FileForms); a file that is consistent in itself but uses another form than the rest of the
 * workspace gets findings pointing at the other uses. The server keeps FileForms for every file of
 * the workspace; the CLI builds them for the files it was given.
 */
export interface FormUse {
  readonly text: string;
  readonly standard: boolean;
  readonly count: number;
  /** First use in its file, and (filled in by the caller, who has the text) its line/character range. */
  readonly first: Span;
  readonly range?: RelatedLocation['range'];
}

/** conceptId → folded form → use */
export type FileForms = ReadonlyMap<string, ReadonlyMap<string, FormUse>>;

export function fileForms(
  matches: readonly TermMatch[],
  rangeOf?: (span: Span) => RelatedLocation['range'],
): FileForms {
  const byConcept = new Map<string, Map<string, FormUse>>();
  for (const [conceptId, forms] of formsByConcept(matches)) {
    const uses = new Map<string, FormUse>();
    for (const [key, form] of forms) {
      const first = form.matches[0]!.span;
      uses.set(key, {
        text: form.text,
        standard: form.standard,
        count: form.matches.length,
        first,
        range: rangeOf?.(first),
      });
    }
    byConcept.set(conceptId, uses);
  }
  return byConcept;
}

/**
 * The cross-file half of the rule inconsistent-term: its id, severity (the setting under medterm.rules, else the
 * rule's default), majority and fixes are the rule's own (rules/inconsistent-term.ts); nothing when the rule is off.
 */
export function crossFileFindings(
  uri: string,
  matches: readonly TermMatch[],
  others: Iterable<{ readonly uri: string; readonly forms: FileForms }>,
  options: {
    readonly rules?: Readonly<Record<string, RuleSetting | undefined>>;
    readonly conceptName: (conceptId: string) => string;
  },
): Finding[] {
  const severity = ruleSetting(inconsistentTerm.id, options.rules);
  const otherFiles = [...others].filter((other) => other.uri !== uri);
  if (severity === 'off' || otherFiles.length === 0) return [];
  const findings: Finding[] = [];
  for (const [conceptId, localForms] of formsByConcept(matches)) {
    if (localForms.size !== 1) continue; // mixed forms in one document: the in-document rule reports them
    const [localKey, local] = [...localForms.entries()][0]!;
    const elsewhere = formsElsewhere(conceptId, otherFiles);
    if (elsewhere.size === 0 || (elsewhere.size === 1 && elsewhere.has(localKey))) continue;
    // The workspace's majority form, as the rule chooses it in a document (a tie goes to the standard name).
    const totals = new Map<string, { key: string; count: number; standard: boolean }>([
      [localKey, { key: localKey, count: local.matches.length, standard: local.standard }],
    ]);
    for (const [key, other] of elsewhere) {
      const total = totals.get(key) ?? totals.set(key, { key, count: 0, standard: other.standard }).get(key)!;
      total.count += other.count;
    }
    const preferredKey = preferredForm(totals.values(), (total) => total.count).key;
    if (preferredKey === localKey) continue;
    const concept = { id: conceptId, en: options.conceptName(conceptId) };
    findings.push(...findingsOfForm(local.matches, concept, elsewhere.get(preferredKey)!, severity));
  }
  return findings;
}

/** A form of a concept as the other files of the workspace use it. */
interface FormElsewhere {
  readonly text: string;
  readonly standard: boolean;
  count: number;
  readonly locations: { uri: string; use: FormUse }[];
}

/** The forms of a concept in the other files: each with its total count and the files that use it. */
function formsElsewhere(
  conceptId: string,
  otherFiles: readonly { readonly uri: string; readonly forms: FileForms }[],
): Map<string, FormElsewhere> {
  const elsewhere = new Map<string, FormElsewhere>();
  for (const other of otherFiles) {
    for (const [key, use] of other.forms.get(conceptId) ?? []) {
      const entry =
        elsewhere.get(key) ??
        elsewhere.set(key, { text: use.text, standard: use.standard, count: 0, locations: [] }).get(key)!;
      entry.count += use.count;
      entry.locations.push({ uri: other.uri, use });
    }
  }
  return elsewhere;
}

/** A finding on each use of this file's form, pointing at the first uses of the preferred form in other files. */
function findingsOfForm(
  uses: readonly TermMatch[],
  concept: { readonly id: string; readonly en: string },
  preferred: FormElsewhere,
  severity: Severity,
): Finding[] {
  const related: RelatedLocation[] = preferred.locations.slice(0, 3).map((location) => ({
    span: location.use.first,
    uri: location.uri,
    range: location.use.range,
    message: message('inconsistent-term.workspace.related', { preferred: preferred.text }),
  }));
  const allEdits = uses.map((match) => ({ span: match.span, newText: preferred.text }));
  return uses.map((match) => ({
    ruleId: inconsistentTerm.id,
    severity,
    span: match.span,
    conceptId: concept.id,
    message: message('inconsistent-term.workspace', {
      text: match.text,
      preferred: preferred.text,
      count: preferred.count,
      files: preferred.locations.length,
      en: concept.en,
    }),
    fixes: unifyFixes(match.span, preferred.text, allEdits),
    related,
  }));
}
