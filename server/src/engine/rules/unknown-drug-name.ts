import { bilingualMessage } from '../messages';
import { scanNearMisses } from '../nearMiss/scan';
import type { Rule, RuleFinding } from './rule';

/**
 * A word built like a drug name (transliteration characters and a stem's Chinese rendering: 泛柔比星) that is
 * close to no known name. Not necessarily wrong (a new drug, a name the dictionary lacks), so only a hint
 * that says what the stem means; no fix.
 */
const PATTERN_NOTE = bilingualMessage({ id: 'hover.stemPattern' });

export const unknownDrugName: Rule = {
  id: 'unknown-drug-name',
  defaultSeverity: 'hint',
  description: {
    zh: '形似药名（含药名词干）但不在词典中的词',
    en: 'Words built like drug names (with an INN stem) that are not in the dictionary',
  },
  check({ text, matches, dictionary, skip }) {
    const findings: RuleFinding[] = [];
    for (const word of scanNearMisses(text, matches, skip ?? [], dictionary).unknown) {
      findings.push({
        span: word.span,
        message: {
          id: 'unknown-drug-name.message',
          // classId and basis are for the hover (hover.unknownDrug): the class card, and whether WHO defines the stem.
          params: {
            text: word.text,
            rendering: word.rendering,
            stem: word.stem.stem,
            meaning: word.stem.meaning,
            classId: word.stem.class ?? '',
            basis: word.stem.basis === 'who-stem' ? { zh: '', en: '' } : PATTERN_NOTE,
          },
        },
        fixes: [],
      });
    }
    return findings;
  },
};
