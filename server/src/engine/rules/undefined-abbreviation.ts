import { isAbbreviationSurface, type Dictionary } from '../dictionary/dictionary';
import type { Concept, TermMatch } from '../types';
import { matchesWithin } from '../matchIndex';
import { message, type MessageTable } from '../messageFormat';
import type { Rule, RuleContext, RuleFinding } from './rule';

const MESSAGES = {
  'undefined-abbreviation.message': {
    zh: '缩写“{abbreviation}”在首次出现时未给出全称（{expansion}）',
    en: 'Abbreviation “{abbreviation}” is used without a definition at its first use ({expansion})',
  },
  'undefined-abbreviation.fix': { zh: '在此定义：{definition}', en: 'Define it here: {definition}' },
  'undefined-abbreviation.related': { zh: '此处给出了定义', en: 'defined here' },
} as const satisfies MessageTable<'undefined-abbreviation'>;

const OPEN = new Set(['(', '（']);
const CLOSE = /^\s*[)）]/;
const HAN = /\p{Script=Han}/u;
const SPACE = /\s/;

/**
 * Is this use of an abbreviation its definition? Recognised forms:
 *   无进展生存期（progression-free survival，PFS）   全称(ABBR)   full name (ABBR)
 *   卡非佐米、来那度胺和地塞米松（KRd）   (a regimen written out right before the bracket)
 *   PFS（无进展生存期）   (the expansion in brackets right after)
 */
function isDefinition(index: number, context: RuleContext, concept: Concept): boolean {
  const { text, matches, regimenMentions } = context;
  const match = matches[index]!;
  // Both forms need a bracket right after the abbreviation: most uses are rejected here, cheaply.
  let next = match.span.end;
  while (next < text.length && SPACE.test(text[next]!)) next++;
  const following = text[next];
  if (following !== '(' && following !== '（' && following !== ')' && following !== '）') return false;
  // Forward form: "... full name (expansion, ABBR)".
  let open = -1;
  for (let i = match.span.start - 1; i >= Math.max(0, match.span.start - 80); i--) {
    const char = text[i]!;
    if (OPEN.has(char)) {
      open = i;
      break;
    }
    if (char === ')' || char === '）' || char === '\n') break;
  }
  if (open >= 0 && CLOSE.test(text.slice(match.span.end, match.span.end + 4))) {
    const inside = text.slice(open + 1, match.span.start);
    if (concept.en && inside.toLowerCase().includes(concept.en.toLowerCase())) return true;
    let before = open;
    while (before > 0 && /\s/.test(text[before - 1]!)) before--;
    const namedBefore = matchesWithin(matches, before, before).some(
      (other) =>
        other !== match &&
        other.conceptId === concept.id &&
        other.span.end === before &&
        !isAbbreviationSurface(other.surface),
    );
    if (namedBefore) return true;
    const regimenBefore = regimenMentions.some(
      (mention) => mention.regimenId === concept.id && mention.span.end === before,
    );
    if (regimenBefore) return true;
  }
  // Reverse form: "ABBR (expansion)".
  const after = /^\s*[(（]([^)）\n]{1,80})[)）]/.exec(text.slice(match.span.end, match.span.end + 90));
  if (after) {
    const start = match.span.end + after[0].indexOf(after[1]!);
    const end = start + after[1]!.length;
    if (concept.en && after[1]!.toLowerCase().includes(concept.en.toLowerCase())) return true;
    if (
      matchesWithin(matches, start, end).some(
        (other) =>
          other.conceptId === concept.id &&
          other.span.start >= start &&
          other.span.end <= end &&
          !isAbbreviationSurface(other.surface),
      )
    )
      return true;
    if (
      regimenMentions.some(
        (mention) => mention.regimenId === concept.id && mention.span.start >= start && mention.span.end <= end,
      )
    )
      return true;
  }
  return false;
}

/** The definition to insert, in the script of the surrounding text. */
export function definitionText(
  abbreviation: string,
  concept: Concept,
  dictionary: Dictionary,
  chinese: boolean,
): string {
  if (concept.category === 'regimen') {
    const names = concept.components.map((id) => {
      const component = dictionary.concepts.get(id);
      return chinese ? (component?.zh ?? component?.en ?? id) : (component?.en ?? id);
    });
    return chinese ? `${names.join('+')}（${abbreviation}）` : `${names.join(' + ')} (${abbreviation})`;
  }
  if (chinese && concept.zh) return `${concept.zh}（${concept.en}，${abbreviation}）`;
  return `${concept.en} (${abbreviation})`;
}

function isChineseContext(text: string, match: TermMatch): boolean {
  return HAN.test(text.slice(Math.max(0, match.span.start - 20), match.span.end + 20));
}

/** An abbreviation used without a definition at or before its first use; reported once, there. */
export const undefinedAbbreviation: Rule<'undefined-abbreviation', typeof MESSAGES> = {
  id: 'undefined-abbreviation',
  defaultSeverity: 'information',
  description: { zh: '缩写首次出现时未给出全称', en: 'Abbreviations used without a definition at first use' },
  messages: MESSAGES,
  check(context) {
    const { matches, dictionary, ignoreAbbreviations, text } = context;
    const findings: RuleFinding[] = [];
    const uses = new Map<string, number[]>();
    matches.forEach((match, index) => {
      if (!isAbbreviationSurface(match.surface) || ignoreAbbreviations.has(match.surface.text)) return;
      (uses.get(match.surface.text) ?? uses.set(match.surface.text, []).get(match.surface.text)!).push(index);
    });
    for (const [abbreviation, indices] of uses) {
      const first = matches[indices[0]!]!;
      const concept = dictionary.concepts.get(first.conceptId);
      if (!concept || isDefinition(indices[0]!, context, concept)) continue;
      const laterDefinition = indices.slice(1).find((index) => isDefinition(index, context, concept));
      const definition = definitionText(abbreviation, concept, dictionary, isChineseContext(text, first));
      const expansion =
        concept.category === 'regimen'
          ? definition.replace(/\s*[（(].*$/, '')
          : concept.zh
            ? `${concept.zh} / ${concept.en}`
            : concept.en;
      findings.push({
        span: first.span,
        conceptId: concept.id,
        message: message('undefined-abbreviation.message', { abbreviation, expansion }),
        fixes: [
          {
            tier: 'suggestion',
            title: message('undefined-abbreviation.fix', { definition }),
            edits: [{ span: first.span, newText: definition }],
          },
        ],
        related:
          laterDefinition === undefined
            ? undefined
            : [{ span: matches[laterDefinition]!.span, message: message('undefined-abbreviation.related') }],
      });
    }
    return findings;
  },
};
