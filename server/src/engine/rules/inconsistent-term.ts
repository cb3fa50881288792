import { message, type MessageTable } from '../messageFormat';
import type { Edit, Fix, RelatedLocation, Span } from '../types';
import type { Rule, RuleFinding } from './rule';
import { formsByConcept, preferredForm } from './shared';

/** The in-document messages, and the cross-file ones (engine/workspace.ts: the same rule across a workspace's files). */
const MESSAGES = {
  'inconsistent-term.message': {
    zh: '同一概念（{en}）在本文档中既写作“{text}”，也写作“{preferred}”（{count} 处）；建议统一为“{preferred}”',
    en: 'One concept ({en}) is written both “{text}” and “{preferred}” ({count}×) in this document; use “{preferred}” throughout',
  },
  'inconsistent-term.fix.one': { zh: '改为“{preferred}”', en: 'Replace with “{preferred}”' },
  'inconsistent-term.fix.all': {
    zh: '在本文档中全部统一为“{preferred}”（{count} 处）',
    en: 'Replace all in this document with “{preferred}” ({count}×)',
  },
  'inconsistent-term.related': { zh: '此处写作“{preferred}”', en: '“{preferred}” is used here' },
  'inconsistent-term.workspace': {
    zh: '同一概念（{en}）在工作区其他文件中写作“{preferred}”（{count} 处，{files} 个文件）；本文件写作“{text}”，建议统一',
    en: 'One concept ({en}) is written “{preferred}” in other files of the workspace ({count}× in {files} files) but “{text}” here; unify them',
  },
  'inconsistent-term.workspace.related': { zh: '此处写作“{preferred}”', en: '“{preferred}” is used here' },
} as const satisfies MessageTable<'inconsistent-term'>;

/** Both fixes of a finding, in a document or across files: this occurrence, or every other form in the document. */
export function unifyFixes(span: Span, preferred: string, allEdits: readonly Edit[]): Fix[] {
  return [
    {
      tier: 'suggestion',
      title: message('inconsistent-term.fix.one', { preferred }),
      edits: [{ span, newText: preferred }],
    },
    {
      tier: 'suggestion',
      scope: 'document',
      title: message('inconsistent-term.fix.all', { preferred, count: allEdits.length }),
      edits: allEdits,
    },
  ];
}

/**
 * One concept written in two accepted forms in one document (免疫调节剂 / 免疫调节药物,
 * 自体造血干细胞移植 / 自体干细胞移植). Both forms are correct, so unifying is a suggestion.
 */
export const inconsistentTerm: Rule<'inconsistent-term', typeof MESSAGES> = {
  id: 'inconsistent-term',
  defaultSeverity: 'information',
  description: {
    zh: '同一概念在文档中使用了不同的规范写法',
    en: 'One concept written in different accepted forms in one document',
  },
  messages: MESSAGES,
  check({ matches, dictionary }) {
    const findings: RuleFinding[] = [];
    for (const [conceptId, forms] of formsByConcept(matches)) {
      if (forms.size < 2) continue;
      const concept = dictionary.concepts.get(conceptId);
      if (!concept) continue;
      const preferred = preferredForm(forms.values(), (form) => form.matches.length);
      const others = [...forms.values()].filter((form) => form !== preferred).flatMap((form) => form.matches);
      const allEdits = others.map((match) => ({ span: match.span, newText: preferred.text }));
      const related: RelatedLocation[] = preferred.matches.slice(0, 3).map((match) => ({
        span: match.span,
        message: message('inconsistent-term.related', { preferred: preferred.text }),
      }));
      for (const match of others) {
        findings.push({
          span: match.span,
          conceptId,
          message: message('inconsistent-term.message', {
            text: match.text,
            preferred: preferred.text,
            count: preferred.matches.length,
            en: concept.en,
          }),
          fixes: unifyFixes(match.span, preferred.text, allEdits),
          related,
        });
      }
    }
    return findings;
  },
};
