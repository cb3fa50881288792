import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, layerFromChecked } from '../../server/src/engine';
import { codeSpellings } from '../../server/src/engine/dictionary/derivedForms';
import { dictionaryOf, layerOf, type TestEntry } from '../helpers/dictionary';

/**
 * How the same name reaches the text spelled otherwise: a research code with a hyphen, a space or nothing between
 * its letters and its number (PS-341, PS 341, PS341), and the hyphens and dashes a word processor or an input method
 * puts where a hyphen-minus was typed (PD‐1, R–CHOP). Over a small inline dictionary.
 */
const ENTRIES: TestEntry[] = [
  {
    id: 'bortezomib',
    category: 'drug',
    zh: '硼替佐米',
    en: 'bortezomib',
    accepted: [
      { text: 'PS-341', kind: 'code' },
      { text: 'A-56268', kind: 'code' },
    ],
  },
  { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib', accepted: [{ text: 'MLN9708', kind: 'code' }] },
  {
    id: 'romiplostim',
    category: 'drug',
    zh: '罗米司亭',
    en: 'romiplostim',
    accepted: [{ text: 'AMG 531', kind: 'code' }],
  },
  {
    id: 'pd-1',
    category: 'target',
    zh: '程序性死亡受体1',
    en: 'programmed cell death protein 1',
    abbreviations: ['PD-1'],
  },
  {
    id: 'r-chop',
    category: 'regimen',
    zh: 'R-CHOP方案',
    en: 'R-CHOP',
    abbreviations: ['R-CHOP'],
    variants: [{ text: 'R-CHOP-21方案', kind: 'nonstandard-term', note: { zh: '测试', en: 'test' } }],
  },
];
const dictionary = dictionaryOf(...ENTRIES);

/** The matches of a text: [written text, concept]. */
function matched(text: string, dict = dictionary): [string, string][] {
  return analyze(text, dict).matches.map((match) => [
    text.slice(match.span.start, match.span.end),
    match.surface.conceptId,
  ]);
}

describe('research codes in their other spellings', () => {
  it.each([
    ['PS-341', 'bortezomib'],
    ['PS341', 'bortezomib'],
    ['PS 341', 'bortezomib'],
    ['ps341', 'bortezomib'],
    ['MLN9708', 'ixazomib'],
    ['MLN-9708', 'ixazomib'],
    ['MLN 9708', 'ixazomib'],
    ['AMG 531', 'romiplostim'],
    ['AMG531', 'romiplostim'],
    ['AMG-531', 'romiplostim'],
  ])('%s is a code of %s, matched as written', (written, concept) => {
    expect(matched(`研究药物${written}的结果。`)).toEqual([[written, concept]]);
    expect(matched(`The code ${written} was used.`)).toEqual([[written, concept]]);
  });

  it.each(['PS3410', 'XPS341', 'PS-34', 'PS 3411', 'MLN97080', 'A56268', 'A 56268'])(
    '%s is not one of the codes (another number, letters around it, a one-letter code)',
    (written) => {
      expect(matched(`The code ${written} was used.`)).toEqual([]);
    },
  );

  it('the spellings of a code', () => {
    expect(codeSpellings('PS-341')).toEqual(['PS341', 'PS 341']);
    expect(codeSpellings('MLN9708')).toEqual(['MLN-9708', 'MLN 9708']);
    expect(codeSpellings('AMG 531')).toEqual(['AMG531', 'AMG-531']);
    expect(codeSpellings('DCDS4501A')).toEqual(['DCDS-4501A', 'DCDS 4501A']);
    expect(codeSpellings('JNJ-64007957')).toEqual(['JNJ64007957', 'JNJ 64007957']);
    // One letter, a digit first, letters only after the hyphen, two separators: one spelling only.
    for (const code of ['A-56268', '2F-ara-A', 'HuMax-CD38', 'PS--341', 'PS  341', 'PS-'])
      expect(codeSpellings(code)).toEqual([]);
  });

  it('a packed layer derives the same spellings as the objects (the pack stores what conceptSurfaces derives)', () => {
    const layer = layerOf(...ENTRIES);
    // A size threshold of 0 packs the file (dictionary/packed.ts), as for a large term file.
    const packed = buildDictionary([
      { ...layerFromChecked(layer.checked!, layer.source, layer.layer, 0), patterns: layer.patterns },
    ]);
    expect(packed.problems).toEqual([]);
    for (const written of ['PS341', 'MLN 9708', 'AMG-531'])
      expect(matched(`药物${written}。`, packed)).toEqual(matched(`药物${written}。`));
  });
});

describe('hyphens and dashes written for a hyphen-minus', () => {
  it.each([
    ['PD\u20101', 'pd-1'],
    ['PD\u20111', 'pd-1'],
    ['PD\u20121', 'pd-1'],
    ['PD\u20131', 'pd-1'],
    ['PD\u22121', 'pd-1'],
    ['PD\ufe631', 'pd-1'],
    ['PD\uff0d1', 'pd-1'],
    ['R\u2013CHOP', 'r-chop'],
    ['PS\u2010341', 'bortezomib'],
  ])('%s is the name with a hyphen-minus, its span the characters as written', (written, concept) => {
    const text = `患者${written}阳性，接受治疗。`;
    const analysis = analyze(text, dictionary);
    expect(analysis.matches.map((match) => [match.span.start, match.span.end, match.surface.conceptId])).toEqual([
      [2, 2 + written.length, concept],
    ]);
  });

  it('an em dash (Chinese ——) is punctuation, not a hyphen', () => {
    expect(matched('PD\u20141 与 PD\u2014\u20141')).toEqual([]);
  });

  it('a variant written with an en dash is flagged, and its fix replaces exactly what was written', () => {
    const text = '采用R\u2013CHOP\u201321方案。';
    const finding = analyze(text, dictionary).findings.find((item) => item.ruleId === 'nonstandard-name')!;
    expect(text.slice(finding.span.start, finding.span.end)).toBe('R\u2013CHOP\u201321方案');
    expect(finding.fixes[0]!.edits).toEqual([{ span: finding.span, newText: 'R-CHOP方案' }]);
  });
});
