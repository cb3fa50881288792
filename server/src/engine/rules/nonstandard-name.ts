import { variantKindLabel } from '../messages';
import type { Concept, Variant } from '../types';
import type { Rule } from './rule';

/** Variants whose correction carries clinical weight are never applied automatically. */
const SUGGESTION_ONLY = new Set<Variant['kind']>(['misnomer', 'letter-case']);

/** The text a variant should become: its own replaceWith, else the concept's standard name in the variant's script. */
export function replacementFor(variant: Variant, concept: Concept): string {
  if (variant.replaceWith) return variant.replaceWith;
  const latin = /^[\x20-\x7e]+$/.test(variant.text);
  return latin ? concept.en : (concept.zh ?? concept.en);
}

export const nonstandardName: Rule = {
  id: 'nonstandard-name',
  defaultSeverity: 'warning',
  description: { zh: '非标准写法（非标准音译、旧译名、笔误、误用）→ 规范名称', en: 'Non-standard forms (transliterations, outdated names, typos, misnomers) → the standard name' },
  check({ matches, dictionary }) {
    const findings = [];
    for (const match of matches) {
      const variant = match.surface.variant;
      if (match.surface.role !== 'variant' || !variant) continue;
      const concept = dictionary.concepts.get(match.conceptId);
      if (!concept) continue;
      const replacement = replacementFor(variant, concept);
      findings.push({
        span: match.span,
        conceptId: concept.id,
        message: { id: 'nonstandard-name.message', params: { text: match.text, kind: variantKindLabel(variant.kind), replacement, note: variant.note } },
        fixes: [
          {
            tier: SUGGESTION_ONLY.has(variant.kind) || variant.suggestionOnly ? ('suggestion' as const) : ('safe' as const),
            title: { id: 'nonstandard-name.fix', params: { replacement } },
            edits: [{ span: match.span, newText: replacement }],
          },
        ],
      });
    }
    return findings;
  },
};
