import { message, renderBoth, type MessageTable } from '../messageFormat';
import { scanNearMisses } from '../nearMiss/scan';
import type { Rule, RuleFinding } from './rule';

const MESSAGES = {
  'unknown-drug-name.message': {
    zh: '“{text}”不在词典中：词干“{rendering}”（{stem}）表示{meaning}；请核对药名',
    en: '“{text}” is not in the dictionary: its stem {stem} ({rendering}) means {meaning}; check the name',
  },
  /** The `basis` parameter of the hover (hover.unknownDrug) where the stem is a naming pattern, not a WHO stem. */
  'unknown-drug-name.stemPattern': {
    zh: '（命名规律，非 WHO 词干表所列）',
    en: "(a naming pattern, not a stem of WHO's stem book)",
  },
} as const satisfies MessageTable<'unknown-drug-name'>;

/**
 * A word built like a drug name (transliteration characters and a stem's Chinese rendering: 泛柔比星) that is
 * close to no known name. Not necessarily wrong (a new drug, a name the dictionary lacks), so only a hint
 * that says what the stem means; no fix.
 */
const PATTERN_NOTE = renderBoth(MESSAGES['unknown-drug-name.stemPattern']);

export const unknownDrugName: Rule<'unknown-drug-name', typeof MESSAGES> = {
  id: 'unknown-drug-name',
  defaultSeverity: 'hint',
  description: {
    zh: '形似药名（含药名词干）但不在词典中的词',
    en: 'Words built like drug names (with an INN stem) that are not in the dictionary',
  },
  messages: MESSAGES,
  check({ text, matches, dictionary, skip }) {
    const findings: RuleFinding[] = [];
    for (const word of scanNearMisses(text, matches, skip ?? [], dictionary).unknown) {
      findings.push({
        span: word.span,
        // classId and basis are for the hover (hover.unknownDrug): the class card, and whether WHO defines the stem.
        message: message('unknown-drug-name.message', {
          text: word.text,
          rendering: word.rendering,
          stem: word.stem.stem,
          meaning: word.stem.meaning,
          classId: word.stem.class ?? '',
          basis: word.stem.basis === 'who-stem' ? { zh: '', en: '' } : PATTERN_NOTE,
        }),
        fixes: [],
      });
    }
    return findings;
  },
};
