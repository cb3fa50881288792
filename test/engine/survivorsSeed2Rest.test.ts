import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { scanEnglishLine } from '../../server/src/engine/nearMiss/english';
import { tonedReading } from '../../server/src/engine/nearMiss/similarity';
import { noteWithoutKind } from '../../server/src/engine/rules/nonstandard-name';
import { dictionaryOf } from '../helpers/dictionary';

/**
 * Mutants of the second sampled mutation run (seed 2) that survived in the English near-miss scan, the sound-alike
 * index, readings, regimens and the nonstandard-name and undefined-abbreviation rules, each killed by the exact
 * behaviour it would change. The triage (killed / equivalent) is in docs/mutation.md.
 */

const english = (
  text: string,
  dictionary: ReturnType<typeof dictionaryOf>,
  matches = [] as { start: number; end: number }[],
) =>
  scanEnglishLine(text, matches, [], dictionary).map((miss) => [
    miss.span.start,
    miss.span.end,
    miss.candidates.map((candidate) => candidate.replacement),
  ]);

describe('English near misses', () => {
  const bortezomib = dictionaryOf({
    id: 'bortezomib',
    category: 'drug',
    en: 'bortezomib',
    accepted: [{ text: 'Velcade', kind: 'brand-us' }],
  });

  it('takes the plural of a drug’s brand for a typo of it (only class names have plurals)', () => {
    expect(english('Velcades', bortezomib)).toEqual([[0, 8, ['Velcade']]]);
  });

  it('never takes a word inside a recognised term for a typo', () => {
    expect(english('bortezomib', bortezomib, [{ start: 0, end: 10 }])).toEqual([]);
  });

  it('knows every word of a known drug name, not only its names in the dictionary', () => {
    // bortezomib is a real drug (KNOWN_DRUG_NAMES): not a typo of the one-edit-away name of the dictionary.
    const dictionary = dictionaryOf({ id: 'bortezomab', category: 'drug', en: 'bortezomab' });
    expect(english('bortezomib', dictionary)).toEqual([]);
    expect(english('bortezomob', dictionary)).toEqual([[0, 10, ['bortezomab']]]);
  });

  it('indexes no name that starts with something other than a Latin letter', () => {
    // 5-zorbalumab is no Latin name: its words are not known words, so zorbalumab is a typo of zorbalimab.
    const dictionary = dictionaryOf(
      { id: 'five-zorbalumab', category: 'drug', en: '5-zorbalumab' },
      { id: 'zorbalimab', category: 'drug', en: 'zorbalimab' },
    );
    expect(english('zorbalumab', dictionary)).toEqual([[0, 10, ['zorbalimab']]]);
  });

  it('returns the near misses of a line in written order, a longer name after a shorter one', () => {
    const dictionary = dictionaryOf(
      { id: 'bortezomib', category: 'drug', en: 'bortezomib' },
      { id: 'proteasome-inhibitor', category: 'drug-class', en: 'proteasome inhibitor' },
    );
    expect(english('bortezomb and proteasome inhibitr', dictionary)).toEqual([
      [0, 9, ['bortezomib']],
      [14, 33, ['proteasome inhibitor']],
    ]);
  });
});

describe('Chinese near misses', () => {
  it('finds a name whose only unchanged pairs start inside a recognised term it holds', () => {
    // 门冬酰胺酶 is recognised; 制济 (济 read like 剂) leaves 酶制 and 胺_制 as the pairs that place 门冬酰胺酶制剂.
    const dictionary = dictionaryOf(
      { id: 'asparaginase', category: 'drug', zh: '门冬酰胺酶', en: 'asparaginase' },
      { id: 'asparaginase-preparation', category: 'drug-class', zh: '门冬酰胺酶制剂', en: 'asparaginase preparation' },
    );
    const findings = analyze('使用门冬酰胺酶制济。', dictionary).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.span, finding.fixes[0]?.edits[0]?.newText])).toEqual([
      ['near-miss-name', { start: 2, end: 9 }, '门冬酰胺酶制剂'],
    ]);
  });
});

describe('readings', () => {
  it('marks the tone on the a of a syllable', () => {
    expect(tonedReading('沙')).toBe('shā');
  });
});

describe('names written by ear', () => {
  // 长 (cháng, zhǎng) and 行 (xíng, háng, héng) have several readings, neither the first one the name's: 长 is
  // read like 赞 by its second reading, folded (zhang ~ zan), 行 like 杭 by its second.
  const dictionary = dictionaryOf({ id: 'zanhangmi', category: 'drug', zh: '赞杭米', en: 'zanhangmi' });

  it('reads a character of several readings by any of them, near homophones included', () => {
    const findings = analyze('使用长行米治疗', dictionary).findings.filter((f) => f.ruleId === 'near-miss-name');
    expect(findings.map((finding) => [finding.span, finding.fixes[0]?.edits[0]?.newText])).toEqual([
      [{ start: 2, end: 5 }, '赞杭米'],
    ]);
  });
});

describe('regimens', () => {
  const dictionary = dictionaryOf(
    { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
    { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
    {
      id: 'kd',
      category: 'regimen',
      zh: '卡非佐米+地塞米松',
      en: 'Kd',
      abbreviations: ['Kd'],
      components: ['carfilzomib', 'dexamethasone'],
    },
  );
  const mentions = (text: string) =>
    analyze(text, dictionary).regimenMentions.map((mention) => [
      mention.regimenId,
      mention.span.start,
      mention.span.end,
    ]);

  it('joins drugs by connectors only: 或 lists alternatives', () => {
    expect(mentions('卡非佐米和地塞米松')).toEqual([['kd', 0, 9]]);
    expect(mentions('卡非佐米或地塞米松')).toEqual([]);
  });
});

describe('nonstandard-name notes', () => {
  const kind = { zh: '非标准音译', en: 'non-standard transliteration' };

  it('capitalises what is left of a note that opened with the kind', () => {
    expect(noteWithoutKind({ zh: '非标准音译；旧名', en: 'non-standard transliteration; older name' }, kind)).toEqual({
      zh: '旧名',
      en: 'Older name',
    });
  });

  it('leaves a note without the kind as written', () => {
    expect(noteWithoutKind({ zh: '旧名', en: 'older name' }, kind)).toEqual({ zh: '旧名', en: 'older name' });
  });
});

describe('undefined-abbreviation', () => {
  const dictionary = dictionaryOf({
    id: 'pfs',
    category: 'outcome',
    zh: '无进展生存期',
    en: 'progression-free survival',
    abbreviations: ['PFS'],
  });
  const undefinedAbbreviations = (text: string) =>
    analyze(text, dictionary)
      .findings.filter((finding) => finding.ruleId === 'undefined-abbreviation')
      .map((finding) => finding.span);

  it('takes a definition in brackets that open at the start of the text', () => {
    expect(undefinedAbbreviations('（progression-free survival，PFS）延长')).toEqual([]);
  });

  it('looks for the opening bracket no further back than a closing one', () => {
    // The bracket before PFS closes a remark; PFS）is no definition.
    expect(undefinedAbbreviations('研究（progression-free survival）PFS）延长')).toEqual([{ start: 29, end: 32 }]);
  });
});
