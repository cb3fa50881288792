import type { NearMissCandidate } from '../nearMiss/chinese';
import { scanNearMisses } from '../nearMiss/scan';
import { tonedReading } from '../nearMiss/similarity';
import { inScriptOf } from '../text/script';
import type { Bilingual, Fix } from '../types';
import { message, renderBoth, type MessageTable } from '../messageFormat';
import type { Rule, RuleFinding } from './rule';

const MESSAGES = {
  'near-miss-name.message': {
    zh: '“{text}”不在词典中，可能应为“{candidate}”：{why}',
    en: '“{text}” is not in the dictionary; probably “{candidate}”: {why}',
  },
  'near-miss-name.why.homophone': {
    zh: '“{written}”与“{meant}”同音（{reading}），通用名是“{name}”',
    en: '{written} and {meant} are both {reading}; the generic name is {name}',
  },
  'near-miss-name.why.near-homophone': {
    zh: '“{written}”（{writtenReading}）与“{meant}”（{reading}）读音相近，通用名是“{name}”',
    en: '{written} ({writtenReading}) sounds like {meant} ({reading}); the generic name is {name}',
  },
  'near-miss-name.why.glyph': {
    zh: '“{written}”与“{meant}”字形相近，通用名是“{name}”',
    en: '{written} and {meant} look alike; the generic name is {name}',
  },
  'near-miss-name.why.dropped': {
    zh: '少了“{meant}”字，通用名是“{name}”',
    en: 'the character {meant} is missing; the generic name is {name}',
  },
  'near-miss-name.why.added': {
    zh: '多了“{written}”字，通用名是“{name}”',
    en: 'the character {written} is one too many; the generic name is {name}',
  },
  'near-miss-name.why.substituted': {
    zh: '与“{known}”只差一字（“{written}”/“{meant}”），通用名是“{name}”',
    en: 'one character from {known} ({written} for {meant}); the generic name is {name}',
  },
  'near-miss-name.why.sounds-alike': {
    zh: '“{written}”与“{meant}”读音相同或相近（{reading}），通用名是“{name}”',
    en: '{written} reads like {meant} ({reading}); the generic name is {name}',
  },
  'near-miss-name.why.english': {
    zh: '与“{known}”只差 {distance} 个字母，应写作“{name}”',
    en: '{distance} letter(s) from {known}; write {name}',
  },
  'near-miss-name.fix': { zh: '改为“{candidate}”（请确认）', en: 'Replace with “{candidate}” (check it)' },
} as const satisfies MessageTable<'near-miss-name'>;

/** Why the text is probably the candidate, in both languages. */
export function whyNearMiss(candidate: NearMissCandidate, name: string): Bilingual {
  const { edit, written, meant } = candidate;
  const params = {
    written,
    meant,
    name,
    known: candidate.name.text,
    reading: [...meant].map(tonedReading).join(' '),
    writtenReading: written ? tonedReading(written) : '',
  };
  return renderBoth(MESSAGES[`near-miss-name.why.${edit}`], params);
}

/**
 * A word that is not a known surface but one edit away from the name of a drug, class or product
 * (Chinese: nearMiss/chinese.ts; English: nearMiss/english.ts). Only ever a suggestion, with the candidates
 * ranked: never applied by fix-all, because a near miss may be another drug.
 */
export const nearMissName: Rule<'near-miss-name', typeof MESSAGES> = {
  id: 'near-miss-name',
  defaultSeverity: 'information',
  description: {
    zh: '词典中没有、但与已知药名只差一字或一个字母、或按读音写出的写法（同音字、形近字、漏字、多字、同音替写、拼写错误）',
    en: 'Words that are not in the dictionary but one character or letter from a known drug, class or product name, or written by ear (homophones, similar glyphs, dropped or added characters, names written by sound, typos)',
  },
  messages: MESSAGES,
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
          title: message('near-miss-name.fix', { candidate: replacement }),
          edits: [{ span: miss.span, newText: replacement }],
        };
      });
      findings.push({
        span: miss.span,
        conceptId: best.name.conceptId,
        message: message('near-miss-name.message', { text: miss.text, candidate: name, why: whyNearMiss(best, name) }),
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
        message: message('near-miss-name.message', {
          text: miss.text,
          candidate: best.replacement,
          why: renderBoth(MESSAGES['near-miss-name.why.english'], {
            known: best.known,
            distance: best.distance,
            name: best.replacement,
          }),
        }),
        fixes: candidates.map((candidate) => ({
          tier: 'suggestion' as const,
          title: message('near-miss-name.fix', { candidate: candidate.replacement }),
          edits: [{ span: miss.span, newText: candidate.replacement }],
        })),
      });
    }
    return findings.sort((a, b) => a.span.start - b.span.start);
  },
};
