import { matchesWithin } from '../matchIndex';
import { message, type MessageTable } from '../messageFormat';
import type { Rule, RuleFinding } from './rule';

const MESSAGES = {
  'confusable-term.message': {
    zh: '此处可能应为“{other}”（{otherEn}）：{reason}',
    en: 'Probably “{other}” ({otherEn}) is meant here: {reason}',
  },
  'confusable-term.fix': { zh: '改为“{other}”（请确认语义）', en: 'Replace with “{other}” (check the meaning)' },
} as const satisfies MessageTable<'confusable-term'>;

/**
 * How far (UTF-16 units) to look for context. A paragraph would be the natural unit, but text pasted
 * from PDFs breaks paragraphs at every line, so a window of about two sentences is used instead.
 */
const CONTEXT_WINDOW = 200;

/**
 * A real term used where a different concept is meant: 蛋白酶抑制剂 (protease inhibitor) in a
 * passage about bortezomib means 蛋白酶体抑制剂. Never an automatic fix: it is a suggestion with
 * the reason, since 蛋白酶抑制剂 is correct where HIV drugs are meant.
 */
export const confusableTerm: Rule<'confusable-term', typeof MESSAGES> = {
  id: 'confusable-term',
  defaultSeverity: 'warning',
  description: {
    zh: '易混淆术语（如在蛋白酶体语境中写作“蛋白酶抑制剂”）',
    en: 'Confusable terms (e.g. 蛋白酶抑制剂 where proteasome inhibitors are meant)',
  },
  messages: MESSAGES,
  check({ matches, dictionary }) {
    const findings: RuleFinding[] = [];
    matches.forEach((match) => {
      if (match.surface.role === 'variant') return;
      const concept = dictionary.concepts.get(match.conceptId);
      if (!concept || concept.confusableWith.length === 0) return;
      for (const confusable of concept.confusableWith) {
        const other = dictionary.concepts.get(confusable.id);
        if (!other) continue;
        const context = new Set(confusable.context);
        const near = matchesWithin(matches, match.span.start - CONTEXT_WINDOW, match.span.end + CONTEXT_WINDOW).some(
          (candidate) => candidate !== match && context.has(candidate.conceptId),
        );
        if (!near) continue;
        // An English name (the concept's, an accepted English form, or a form derived in Latin letters): the
        // other's English name. An abbreviation (BVd) stands in Chinese text too: the other's Chinese name.
        const { surface } = match;
        const latin =
          surface.role === 'english' ||
          ((surface.role === 'derived' || surface.accepted?.kind === 'english') &&
            !/\p{Script=Han}/u.test(surface.text));
        const replacement = latin ? other.en : (other.zh ?? other.en);
        findings.push({
          span: match.span,
          conceptId: concept.id,
          message: message('confusable-term.message', {
            other: replacement,
            otherEn: other.en,
            reason: confusable.reason,
          }),
          fixes: [
            {
              tier: 'suggestion',
              title: message('confusable-term.fix', { other: replacement }),
              edits: [{ span: match.span, newText: replacement }],
            },
          ],
        });
        break;
      }
    });
    return findings;
  },
};
