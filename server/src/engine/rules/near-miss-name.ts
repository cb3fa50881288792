import { bilingualMessage } from '../messages';
import type { NearMissCandidate } from '../nearMiss/chinese';
import { scanNearMisses } from '../nearMiss/scan';
import { tonedReading } from '../nearMiss/similarity';
import { inScriptOf } from '../text/script';
import type { Bilingual, Fix } from '../types';
import type { Rule, RuleFinding } from './rule';

/** Why the text is probably the candidate, in both languages. */
export function whyNearMiss(candidate: NearMissCandidate, name: string): Bilingual {
  const { edit, written, meant } = candidate;
  const params = {
    written,
    meant,
    name,
    known: candidate.name.text,
    reading: meant ? tonedReading(meant) : '',
    writtenReading: written ? tonedReading(written) : '',
  };
  return bilingualMessage({ id: `near-miss-name.why.${edit}`, params });
}

/**
 * A word that is not a known surface but one edit away from the name of a drug, class or product
 * (Chinese: nearMiss/chinese.ts; English: nearMiss/english.ts). Only ever a suggestion, with the candidates
 * ranked: never applied by fix-all, because a near miss may be another drug.
 */
export const nearMissName: Rule = {
  id: 'near-miss-name',
  defaultSeverity: 'information',
  description: {
    zh: '词典中没有、但与已知药名只差一字或一个字母的写法（同音字、形近字、漏字、多字、拼写错误）',
    en: 'Words that are not in the dictionary but one character or letter from a known drug, class or product name (homophones, similar glyphs, dropped or added characters, typos)',
  },
  check({ text, matches, dictionary, skip }) {
    const findings: RuleFinding[] = [];
    const scan = scanNearMisses(text, matches, skip ?? [], dictionary);
    for (const miss of scan.chinese) {
      const best = miss.candidates[0]!;
      const name = inScriptOf(miss.text, best.name.replacement);
      const fixes: Fix[] = miss.candidates.map((candidate) => {
        const replacement = inScriptOf(miss.text, candidate.name.replacement);
        return {
          tier: 'suggestion',
          title: { id: 'near-miss-name.fix', params: { candidate: replacement } },
          edits: [{ span: miss.span, newText: replacement }],
        };
      });
      findings.push({
        span: miss.span,
        conceptId: best.name.conceptId,
        message: {
          id: 'near-miss-name.message',
          params: { text: miss.text, candidate: name, why: whyNearMiss(best, name) },
        },
        fixes,
      });
    }
    for (const miss of scan.english) {
      // Thalidomid → Thalidomide: a capital written is kept.
      const cased = (replacement: string): string =>
        /^[A-Z]/.test(miss.text) && /^[a-z]/.test(replacement)
          ? replacement[0]!.toUpperCase() + replacement.slice(1)
          : replacement;
      const candidates = miss.candidates.map((candidate) => ({
        ...candidate,
        replacement: cased(candidate.replacement),
      }));
      const best = candidates[0]!;
      findings.push({
        span: miss.span,
        conceptId: best.conceptId,
        message: {
          id: 'near-miss-name.message',
          params: {
            text: miss.text,
            candidate: best.replacement,
            why: bilingualMessage({
              id: 'near-miss-name.why.english',
              params: { known: best.known, distance: best.distance, name: best.replacement },
            }),
          },
        },
        fixes: candidates.map((candidate) => ({
          tier: 'suggestion' as const,
          title: { id: 'near-miss-name.fix', params: { candidate: candidate.replacement } },
          edits: [{ span: miss.span, newText: candidate.replacement }],
        })),
      });
    }
    return findings.sort((a, b) => a.span.start - b.span.start);
  },
};
