import { normaliseSurface } from '../text/matchText';
import type { TermMatch } from '../types';
import type { Rule, RuleFinding } from './rule';

interface Form {
  readonly text: string;
  readonly standard: boolean;
  readonly matches: TermMatch[];
}

/** Group a document's uses of each concept by written form (standard name and synonyms only). */
export function formsByConcept(matches: readonly TermMatch[]): Map<string, Map<string, Form>> {
  const byConcept = new Map<string, Map<string, Form>>();
  for (const match of matches) {
    const { surface } = match;
    const counted =
      surface.role === 'standard' || (surface.role === 'accepted' && surface.accepted?.kind === 'synonym');
    if (!counted) continue;
    const key = surface.key ?? normaliseSurface(surface.text).folded;
    const forms = byConcept.get(match.conceptId) ?? byConcept.set(match.conceptId, new Map()).get(match.conceptId)!;
    const form =
      forms.get(key) ??
      forms.set(key, { text: surface.text, standard: surface.role === 'standard', matches: [] }).get(key)!;
    form.matches.push(match);
  }
  return byConcept;
}

/** The majority form; a tie goes to the standard name, then to the form used first. */
export function preferredForm(forms: Iterable<Form>): Form {
  let best: Form | undefined;
  for (const form of forms) {
    if (
      !best ||
      form.matches.length > best.matches.length ||
      (form.matches.length === best.matches.length && form.standard && !best.standard)
    ) {
      best = form;
    }
  }
  return best!;
}

/**
 * One concept written in two accepted forms in one document (免疫调节剂 / 免疫调节药物,
 * 自体造血干细胞移植 / 自体干细胞移植). Both forms are correct, so unifying is a suggestion.
 */
export const inconsistentTerm: Rule = {
  id: 'inconsistent-term',
  defaultSeverity: 'information',
  description: {
    zh: '同一概念在文档中使用了不同的规范写法',
    en: 'One concept written in different accepted forms in one document',
  },
  check({ matches, dictionary }) {
    const findings: RuleFinding[] = [];
    for (const [conceptId, forms] of formsByConcept(matches)) {
      if (forms.size < 2) continue;
      const concept = dictionary.concepts.get(conceptId);
      if (!concept) continue;
      const preferred = preferredForm(forms.values());
      const others = [...forms.values()].filter((form) => form !== preferred).flatMap((form) => form.matches);
      const allEdits = others.map((match) => ({ span: match.span, newText: preferred.text }));
      const related = preferred.matches.slice(0, 3).map((match) => ({
        span: match.span,
        message: { id: 'inconsistent-term.related', params: { preferred: preferred.text } },
      }));
      for (const match of others) {
        findings.push({
          span: match.span,
          conceptId,
          message: {
            id: 'inconsistent-term.message',
            params: { text: match.text, preferred: preferred.text, count: preferred.matches.length, en: concept.en },
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
  },
};
