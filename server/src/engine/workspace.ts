import { formsByConcept } from './rules/inconsistent-term';
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

export function crossFileFindings(
  uri: string,
  matches: readonly TermMatch[],
  others: Iterable<{ readonly uri: string; readonly forms: FileForms }>,
  options: { readonly severity: Severity; readonly conceptName: (conceptId: string) => string },
): Finding[] {
  const otherFiles = [...others].filter((other) => other.uri !== uri);
  if (otherFiles.length === 0) return [];
  const findings: Finding[] = [];
  for (const [conceptId, localForms] of formsByConcept(matches)) {
    if (localForms.size !== 1) continue; // mixed forms in one document: the in-document rule reports them
    const [localKey, local] = [...localForms.entries()][0]!;
    const elsewhere = new Map<
      string,
      { text: string; standard: boolean; count: number; locations: { uri: string; use: FormUse }[] }
    >();
    for (const other of otherFiles) {
      for (const [key, use] of other.forms.get(conceptId) ?? []) {
        const entry =
          elsewhere.get(key) ??
          elsewhere.set(key, { text: use.text, standard: use.standard, count: 0, locations: [] }).get(key)!;
        entry.count += use.count;
        entry.locations.push({ uri: other.uri, use });
      }
    }
    if (elsewhere.size === 0 || (elsewhere.size === 1 && elsewhere.has(localKey))) continue;
    // The workspace's majority form; a tie goes to the standard name.
    const totals = new Map<string, { count: number; standard: boolean }>([
      [localKey, { count: local.matches.length, standard: local.standard }],
    ]);
    for (const [key, other] of elsewhere) {
      const total = totals.get(key) ?? totals.set(key, { count: 0, standard: other.standard }).get(key)!;
      total.count += other.count;
    }
    let preferredKey = localKey;
    for (const [key, total] of totals) {
      const best = totals.get(preferredKey)!;
      if (total.count > best.count || (total.count === best.count && total.standard && !best.standard))
        preferredKey = key;
    }
    if (preferredKey === localKey) continue;
    const preferred = elsewhere.get(preferredKey)!;
    const related: RelatedLocation[] = preferred.locations.slice(0, 3).map((location) => ({
      span: location.use.first,
      uri: location.uri,
      range: location.use.range,
      message: { id: 'inconsistent-term.workspace.related', params: { preferred: preferred.text } },
    }));
    const allEdits = local.matches.map((match) => ({ span: match.span, newText: preferred.text }));
    for (const match of local.matches) {
      findings.push({
        ruleId: 'inconsistent-term',
        severity: options.severity,
        span: match.span,
        conceptId,
        message: {
          id: 'inconsistent-term.workspace',
          params: {
            text: match.text,
            preferred: preferred.text,
            count: preferred.count,
            files: preferred.locations.length,
            en: options.conceptName(conceptId),
          },
        },
        fixes: [
          {
            tier: 'suggestion',
            title: { id: 'inconsistent-term.fix.one', params: { preferred: preferred.text } },
            edits: [{ span: match.span, newText: preferred.text }],
          },
          {
            tier: 'suggestion',
            scope: 'document',
            title: { id: 'inconsistent-term.fix.all', params: { preferred: preferred.text, count: allEdits.length } },
            edits: allEdits,
          },
        ],
        related,
      });
    }
  }
  return findings;
}
