import { message, type MessageTable } from '../messageFormat';
import { inScriptOf, toTraditional } from '../text/script';
import { VARIANT_KIND } from '../labels';
import type { Bilingual, Concept, Region, TermMatch, Variant } from '../types';
import type { Rule, RuleFinding } from './rule';
import { regionLabel, replacementFor } from './shared';

const MESSAGES = {
  'nonstandard-name.message': {
    zh: '“{text}”是非标准写法（{kind}），应写作“{replacement}”。{note}',
    en: '“{text}” is non-standard ({kind}); write “{replacement}”. {note}',
  },
  'nonstandard-name.fix': { zh: '改为“{replacement}”', en: 'Replace with “{replacement}”' },
  'nonstandard-name.regional': {
    zh: '“{text}”是{region}用名；中国大陆的通用名为“{replacement}”，面向中国大陆的文稿宜用通用名。',
    en: '“{text}” is the name used in {region}; the generic name in mainland China is “{replacement}”, which writing for mainland readers should use.',
  },
  'nonstandard-name.regionalFix': {
    zh: '改为中国大陆通用名“{replacement}”',
    en: 'Replace with the mainland generic name “{replacement}”',
  },
} as const satisfies MessageTable<'nonstandard-name'>;

/** Variants whose correction carries clinical weight are never applied automatically. */
const SUGGESTION_ONLY = new Set<Variant['kind']>(['misnomer', 'letter-case']);

const OPENING = /[(（]\s*$/;
const CLOSING = /^\s*[)）]/;

/**
 * The transition form of an old name: the standard name immediately followed by the old name in
 * brackets, 多柔比星（阿霉素） or 多柔比星 (阿霉素). 《中国药品通用名称命名原则》 (general rule 6) lets a
 * long-used name be listed as a former name during a transition, so this is not a finding. Only
 * `outdated` variants qualify; the old name alone, or the order reversed (阿霉素（多柔比星）), is still flagged.
 */
export function isTransitionForm(
  text: string,
  start: number,
  end: number,
  variant: Variant,
  concept: Concept,
): boolean {
  if (variant.kind !== 'outdated' || !concept.zh) return false;
  if (!CLOSING.test(text.slice(end, end + 4))) return false;
  const before = text.slice(Math.max(0, start - concept.zh.length - 4), start);
  const opening = OPENING.exec(before);
  if (!opening) return false;
  return before.slice(0, opening.index).trimEnd().endsWith(concept.zh);
}

export const nonstandardName: Rule<'nonstandard-name', typeof MESSAGES> = {
  id: 'nonstandard-name',
  defaultSeverity: 'warning',
  description: {
    zh: '非标准写法（非标准音译、旧译名、笔误、误用）→ 规范名称',
    en: 'Non-standard forms (transliterations, outdated names, typos, misnomers) → the standard name',
  },
  messages: MESSAGES,
  check({ text, matches, dictionary, region }) {
    const findings: RuleFinding[] = [];
    for (const match of matches) {
      if (match.surface.accepted?.kind === 'regional') {
        const finding = regionalFinding(match, dictionary.concepts.get(match.conceptId), region);
        if (finding) findings.push(finding);
        continue;
      }
      const variant = match.surface.variant;
      if (match.surface.role !== 'variant' || !variant) continue;
      const concept = dictionary.concepts.get(match.conceptId);
      if (!concept) continue;
      if (isTransitionForm(text, match.span.start, match.span.end, variant, concept)) continue;
      // Written in the script of the document: 馬法蘭 becomes 美法侖, not 美法仑.
      // An explicit replacement (a prh rule's `expected`, a term file's replaceWith) is written as its author wrote
      // it (Japanese 見当 must not become 見當); a concept's own name follows the script of the document.
      const replacement = variant.replaceWith ?? inScriptOf(match.text, replacementFor(variant, concept));
      findings.push({
        span: match.span,
        conceptId: concept.id,
        message: message('nonstandard-name.message', {
          text: match.text,
          kind: VARIANT_KIND[variant.kind],
          replacement,
          note: noteWithoutKind(variant.note, VARIANT_KIND[variant.kind]),
        }),
        fixes: [
          {
            tier:
              SUGGESTION_ONLY.has(variant.kind) || variant.suggestionOnly ? ('suggestion' as const) : ('safe' as const),
            title: message('nonstandard-name.fix', { replacement }),
            edits: [{ span: match.span, newText: replacement }],
          },
        ],
      });
    }
    return findings;
  },
};

/** A note that opens with the variant kind the message already states (P10: “(non-standard transliteration) … non-standard transliteration; …”) loses that opening. */
export function noteWithoutKind(note: Bilingual, kind: Bilingual): Bilingual {
  const strip = (text: string, label: string): string =>
    text.toLowerCase().startsWith(label.toLowerCase())
      ? text.slice(label.length).replace(/^[\s;；,，:：。.]+/, '')
      : text;
  const zh = strip(note.zh, kind.zh);
  const en = strip(note.en, kind.en);
  return { zh, en: en === note.en ? en : en.replace(/^[a-z]/, (c) => c.toUpperCase()) };
}

/**
 * A Taiwan/Hong Kong name (accepted kind `regional`): nothing where the document is written for one of its
 * regions; in a document for mainland China, the mainland generic name as a suggestion (a regional name is
 * correct where it is used, so the change is the writer's call, never fix-all's).
 */
function regionalFinding(
  match: TermMatch,
  concept: Concept | undefined,
  region: Region | undefined,
): RuleFinding | undefined {
  const accepted = match.surface.accepted;
  const regions = accepted?.regions ?? [];
  if (!concept?.zh || !region || regions.length === 0 || (regions as readonly Region[]).includes(region))
    return undefined;
  // Mainland writing is simplified; a Taiwan name in a Hong Kong text (or the reverse) gets the name in traditional script.
  const replacement = region === 'zh-CN' ? concept.zh : toTraditional(concept.zh);
  return {
    span: match.span,
    conceptId: concept.id,
    message: message('nonstandard-name.regional', { text: match.text, region: regionLabel(regions), replacement }),
    fixes: [
      {
        tier: 'suggestion',
        title: message('nonstandard-name.regionalFix', { replacement }),
        edits: [{ span: match.span, newText: replacement }],
      },
    ],
  };
}
