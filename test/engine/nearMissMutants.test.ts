import { describe, expect, it } from 'vitest';
import type { Span, TermMatch } from '../../server/src/engine';
import { compareWithName, scanChineseLine, type ChineseLineItem } from '../../server/src/engine/nearMiss/chinese';
import { agreement, byLines, type LineResults } from '../../server/src/engine/nearMiss/chunks';
import { pluralOf } from '../../server/src/engine/dictionary/derivedForms';
import { allowedDistance, editDistance, scanEnglishLine } from '../../server/src/engine/nearMiss/english';
import { scanNearMisses } from '../../server/src/engine/nearMiss/scan';
import {
  fuzzySyllable,
  glyphNeighbours,
  glyphSimilar,
  tonedReading,
} from '../../server/src/engine/nearMiss/similarity';
import { stemInWord, stemsOfName, stemsOfWord, type StemEntry } from '../../server/src/engine/nearMiss/stems';
import { dictionaryOf } from '../helpers/dictionary';

/**
 * The near-miss scans (server/src/engine/nearMiss/) pinned branch by branch: where a Chinese window starts and
 * ends, which words are ordinary, which stem renderings count, how overlapping findings are chosen, when an
 * earlier result is reused, and the English look-up. Inline dictionaries: a data correction cannot move these.
 */
const dictionary = dictionaryOf(
  { id: 'daratumumab', category: 'drug', zh: '达雷妥尤单抗', en: 'daratumumab' },
  { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib' },
  { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
  { id: 'mesna', category: 'drug', zh: '美司钠', en: 'mesna' },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
);

type Miss = Extract<ChineseLineItem, { kind: 'miss' }>;
type Unknown = Extract<ChineseLineItem, { kind: 'unknown' }>;

function scan(line: string, matches: Span[] = [], skip: Span[] = []): ChineseLineItem[] {
  return scanChineseLine(line, matches, skip, dictionary);
}

function misses(line: string, matches: Span[] = [], skip: Span[] = []): { text: string; span: Span; fix: string }[] {
  return scan(line, matches, skip)
    .filter((item): item is Miss => item.kind === 'miss')
    .map((item) => ({ text: item.text, span: item.span, fix: item.candidates[0]!.name.replacement }));
}

function unknowns(
  line: string,
  matches: Span[] = [],
  skip: Span[] = [],
): { text: string; span: Span; rendering: string }[] {
  return scan(line, matches, skip)
    .filter((item): item is Unknown => item.kind === 'unknown')
    .map((item) => ({ text: item.text, span: item.span, rendering: item.rendering }));
}

describe('compareWithName: the one edit between a window and a name', () => {
  const TABLE: [string, string, ReturnType<typeof compareWithName>][] = [
    ['伊莎佐米', '伊沙佐米', { edit: 'homophone', written: '莎', meant: '沙' }],
    ['伊沙卓米', '伊沙佐米', { edit: 'near-homophone', written: '卓', meant: '佐' }],
    ['伊沙佐米', '伊沙佐米', undefined],
    ['伊莎卓米', '伊沙佐米', undefined],
    // Any character inside a name of five or more, not at either end, not in a shorter name.
    ['达雷丁尤单抗', '达雷妥尤单抗', { edit: 'substituted', written: '丁', meant: '妥' }],
    ['丁雷妥尤单抗', '达雷妥尤单抗', undefined],
    ['苯达莫司米', '苯达莫司汀', undefined],
    // … but the last of a name of six or more may be any other character (苯丙氨酸氮齐).
    ['达雷妥尤单丁', '达雷妥尤单抗', { edit: 'substituted', written: '丁', meant: '抗' }],
    ['丁雷妥尤单抗', '达雷妥尤单抗', undefined],
    ['达丁尤单', '达雷尤单', undefined],
    ['达丁尤单抗', '达雷尤单抗', { edit: 'substituted', written: '丁', meant: '雷' }],
    // Dropped: inside a name of four or more.
    ['伊佐米', '伊沙佐米', { edit: 'dropped', written: '', meant: '沙' }],
    ['伊沙米', '伊沙佐米', { edit: 'dropped', written: '', meant: '佐' }],
    ['沙佐米', '伊沙佐米', undefined],
    ['伊沙佐', '伊沙佐米', undefined],
    ['美钠', '美司钠', undefined],
    ['伊丁米', '伊沙佐米', undefined],
    // Added: inside the name.
    ['伊沙丁佐米', '伊沙佐米', { edit: 'added', written: '丁', meant: '' }],
    ['伊丁沙佐米', '伊沙佐米', { edit: 'added', written: '丁', meant: '' }],
    ['伊沙佐丁米', '伊沙佐米', { edit: 'added', written: '丁', meant: '' }],
    ['丁伊沙佐米', '伊沙佐米', undefined],
    ['伊沙佐米丁', '伊沙佐米', undefined],
    ['美丁司钠', '美司钠', { edit: 'added', written: '丁', meant: '' }],
    ['伊沙佐丁丁米', '伊沙佐米', undefined],
    ['伊沙', '伊沙佐米', undefined],
  ];
  for (const [window, name, expected] of TABLE)
    it(`${window} against ${name}`, () => expect(compareWithName(window, name)).toEqual(expected));
});

describe('Chinese near misses in a line', () => {
  it('finds a character heard alike, with its span, text and ranked candidate', () => {
    const [item] = scan('接受伊莎佐米治疗');
    expect(item).toMatchObject({ kind: 'miss', span: { start: 2, end: 6 }, text: '伊莎佐米' });
    const candidate = (item as Miss).candidates[0]!;
    expect(candidate).toMatchObject({ edit: 'homophone', written: '莎', meant: '沙' });
    expect(candidate.name).toMatchObject({ conceptId: 'ixazomib', replacement: '伊沙佐米', text: '伊沙佐米' });
    expect(candidate.score).toBeCloseTo(0.94);
  });

  it('scores each kind of edit (sounds-alike, dropped, added, glyph)', () => {
    const score = (line: string): number => (scan(line)[0] as Miss).candidates[0]!.score;
    expect(score('使用伊沙米。')).toBeCloseTo(0.74);
    expect(score('使用伊沙丁佐米。')).toBeCloseTo(0.69);
    expect(score('使用梅斯纳。')).toBeCloseTo(0.63);
    expect(score('使用伊沙卓米。')).toBeCloseTo(0.84);
    expect(score('使用达雷丁尤单抗。')).toBeCloseTo(0.56);
  });

  it('finds a near miss at the very start and at the very end of a line', () => {
    expect(misses('伊莎佐米')).toEqual([{ text: '伊莎佐米', span: { start: 0, end: 4 }, fix: '伊沙佐米' }]);
    expect(misses('使用伊莎佐米')).toEqual([{ text: '伊莎佐米', span: { start: 2, end: 6 }, fix: '伊沙佐米' }]);
  });

  it('finds two near misses of a line, in the order of the text', () => {
    expect(misses('先用伊沙卓米，后用伊莎佐米。')).toEqual([
      { text: '伊沙卓米', span: { start: 2, end: 6 }, fix: '伊沙佐米' },
      { text: '伊莎佐米', span: { start: 9, end: 13 }, fix: '伊沙佐米' },
    ]);
  });

  it('of overlapping windows keeps the best one only: the higher score, else the earlier', () => {
    // 伊沙佐米 and 佐米山林 share 佐米: 伊X佐米Y林 holds a window near each.
    const overlapping = dictionaryOf(
      { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib' },
      { id: 'other', category: 'drug', zh: '佐米山林', en: 'zomishanlin' },
    );
    const best = (line: string): [string, number][] =>
      scanChineseLine(line, [], [], overlapping).map((item) => [item.text, item.span.start]);
    // 莎 (shā) reads as 沙, 三 (sān) nearly as 山 (shān); 萨 (sà) nearly as 沙, 删 as 山.
    expect(best('用伊莎佐米三林')).toEqual([['伊莎佐米', 1]]);
    expect(best('用伊萨佐米删林')).toEqual([['佐米删林', 3]]);
    expect(best('用伊莎佐米删林')).toEqual([['伊莎佐米', 1]]);
    expect(best('用伊萨佐米三林')).toEqual([['伊萨佐米', 1]]);
  });

  it('of overlapping windows as good and as long, keeps the earlier even when the later was found first', () => {
    // 沙佐米林 is filed first: at 沙佐 the scan places its window (依沙佐米淋, 淋 for 林) before 伊沙佐米's.
    const overlapping = dictionaryOf(
      { id: 'other', category: 'drug', zh: '沙佐米林', en: 'shazomilin' },
      { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib' },
    );
    const best = (line: string): [string, number, string][] =>
      scanChineseLine(line, [], [], overlapping).map((item) => [
        item.text,
        item.span.start,
        item.kind === 'miss' ? item.candidates[0]!.name.replacement : '',
      ]);
    expect(best('用依沙佐米淋。')).toEqual([['依沙佐米', 1, '伊沙佐米']]);
  });

  it('of overlapping windows as good, keeps the longer (a character added to a long name over one dropped)', () => {
    // Both score 0.74: added to a name of nine (0.65 + 0.09), dropped from a name of four (0.7 + 0.04).
    const overlapping = dictionaryOf(
      { id: 'short', category: 'drug', zh: '卡非的米', en: 'kafeidemi' },
      { id: 'long', category: 'drug', zh: '米达雷妥尤抗伊沙佐', en: 'midaleituoyou' },
    );
    const found = scanChineseLine('用卡的米达雷妥丁尤抗伊沙佐。', [], [], overlapping).map((item) => [
      item.text,
      item.span.start,
    ]);
    expect(found).toEqual([['米达雷妥丁尤抗伊沙佐', 3]]);
    expect(scanChineseLine('用卡的米。', [], [], overlapping).map((item) => item.text)).toEqual(['卡的米']);
  });

  it('never matches a window that holds a character other than Han', () => {
    expect(misses('使用伊莎a佐米。')).toEqual([]);
    expect(misses('使用伊沙佐a米。')).toEqual([]);
  });

  it('respects recognised terms and skipped regions: no window cuts one, nor starts inside one', () => {
    expect(misses('接受伊莎佐米治疗', [{ start: 0, end: 3 }])).toEqual([]);
    expect(misses('接受伊莎佐米治疗', [], [{ start: 5, end: 7 }])).toEqual([]);
    expect(misses('接受伊莎佐米治疗', [{ start: 0, end: 2 }])).toEqual([
      { text: '伊莎佐米', span: { start: 2, end: 6 }, fix: '伊沙佐米' },
    ]);
    expect(misses('接受伊莎佐米治疗', [], [{ start: 6, end: 8 }])).toEqual([
      { text: '伊莎佐米', span: { start: 2, end: 6 }, fix: '伊沙佐米' },
    ]);
    // Unsorted spans are merged all the same.
    expect(
      misses('接受伊莎佐米治疗', [
        { start: 7, end: 8 },
        { start: 1, end: 3 },
      ]),
    ).toEqual([]);
    expect(
      misses(
        '接受伊莎佐米治疗',
        [],
        [
          { start: 7, end: 8 },
          { start: 1, end: 3 },
        ],
      ),
    ).toEqual([]);
    expect(misses('接受伊莎佐米治疗', [{ start: 7, end: 8 }], [{ start: 1, end: 3 }])).toEqual([]);
    expect(misses('接受伊莎佐米治疗', [{ start: 1, end: 3 }], [{ start: 0, end: 1 }])).toEqual([]);
  });

  it('lets a window hold a recognised term two characters shorter than it (单抗 in a six-character name)', () => {
    expect(misses('使用达雷妥由单抗。', [{ start: 6, end: 8 }])).toEqual([
      { text: '达雷妥由单抗', span: { start: 2, end: 8 }, fix: '达雷妥尤单抗' },
    ]);
    expect(misses('使用达雷妥由单抗。', [{ start: 4, end: 8 }]).map((miss) => miss.text)).toEqual(['达雷妥由单抗']);
    expect(misses('使用达雷妥由单抗。', [{ start: 3, end: 8 }])).toEqual([]);
    expect(misses('使用达雷妥由单抗。', [{ start: 2, end: 4 }]).map((miss) => miss.text)).toEqual(['达雷妥由单抗']);
    expect(misses('使用达雷妥由单抗。', [{ start: 5, end: 9 }])).toEqual([]);
  });

  it('does not take the tail of a longer transliterated name (a transliteration character before it)', () => {
    expect(misses('使用雷伊莎佐米。')).toEqual([]);
    // 的 ends a word: the name starts after it.
    expect(misses('的伊莎佐米。')).toEqual([{ text: '伊莎佐米', span: { start: 1, end: 5 }, fix: '伊沙佐米' }]);
    // A transliteration character inside a recognised term does not carry the word on.
    expect(misses('使用雷伊莎佐米。', [{ start: 2, end: 3 }])).toEqual([
      { text: '伊莎佐米', span: { start: 3, end: 7 }, fix: '伊沙佐米' },
    ]);
  });

  it('reports a class name only for a character read or written alike', () => {
    expect(misses('使用蛋白酶体抑制济。').map((miss) => miss.fix)).toEqual(['蛋白酶体抑制剂']);
    expect(misses('使用蛋白酶抑制剂。')).toEqual([]);
    // 本 for 体: written alike (a glyph), not heard alike.
    expect(misses('使用蛋白酶本抑制剂。').map((miss) => miss.fix)).toEqual(['蛋白酶体抑制剂']);
  });

  it('skips a sound-alike window that a recognised term or a following transliteration character joins', () => {
    expect(misses('术中使用梅斯纳预防')).toEqual([{ text: '梅斯纳', span: { start: 4, end: 7 }, fix: '美司钠' }]);
    expect(misses('术中使用梅斯纳预防', [{ start: 6, end: 7 }])).toEqual([]);
    expect(misses('术中使用梅斯纳预防', [], [{ start: 2, end: 5 }])).toEqual([]);
    expect(misses('使用梅斯纳雷')).toEqual([]);
    expect(misses('使用梅斯纳的')).toEqual([{ text: '梅斯纳', span: { start: 2, end: 5 }, fix: '美司钠' }]);
    expect(misses('梅斯纳')).toEqual([{ text: '梅斯纳', span: { start: 0, end: 3 }, fix: '美司钠' }]);
    const [byEar] = scan('梅斯纳') as Miss[];
    expect(byEar!.candidates[0]).toMatchObject({ edit: 'sounds-alike', written: '梅斯纳', meant: '美司钠' });
    expect(byEar!.candidates[0]!.score).toBeCloseTo(0.63);
    expect(misses('梅斯')).toEqual([]);
  });
});

describe('unknown drug-like words', () => {
  it('reports a stem rendering after transliteration characters', () => {
    expect(unknowns('使用尤达单抗。')).toEqual([{ text: '尤达单抗', span: { start: 2, end: 6 }, rendering: '单抗' }]);
    expect(unknowns('尤达单抗')).toEqual([{ text: '尤达单抗', span: { start: 0, end: 4 }, rendering: '单抗' }]);
  });

  it('reports two unknown words of one line', () => {
    expect(unknowns('使用尤达单抗和雷达佐米。')).toEqual([
      { text: '尤达单抗', span: { start: 2, end: 6 }, rendering: '单抗' },
      { text: '雷达佐米', span: { start: 7, end: 11 }, rendering: '佐米' },
    ]);
  });

  it('takes the longest rendering ending at a place (妥单抗 over 单抗)', () => {
    expect(unknowns('使用尤达妥单抗。')).toEqual([
      { text: '尤达妥单抗', span: { start: 2, end: 7 }, rendering: '妥单抗' },
    ]);
  });

  // A rendering whose last character starts an ordinary word with the next one: no drug name.
  const ORDINARY: [string, string][] = [
    ['比星', '期'],
    ['比星', '级'],
    ['比星', '座'],
    ['比星', '球'],
    ['比星', '空'],
    ['比星', '际'],
    ['比星', '光'],
    ['单抗', '原'],
    ['单抗', '体'],
    ['单抗', '性'],
    ['单抗', '凝'],
    ['单抗', '感'],
    ['帕利', '用'],
    ['帕利', '于'],
    ['帕利', '益'],
    ['帕利', '润'],
    ['帕利', '尿'],
    ['帕利', '率'],
    ['替尼', '亚'],
    ['佐米', '饭'],
    ['度胺', '类'],
    ['司他', '人'],
    ['司他', '们'],
  ];
  for (const [rendering, next] of ORDINARY)
    it(`${rendering} before ${next} is ${rendering.slice(-1)}${next}, an ordinary word`, () => {
      expect(unknowns(`使用尤达${rendering}${next}。`)).toEqual([]);
      expect(unknowns(`使用尤达${rendering}。`).map((word) => word.text)).toEqual([`尤达${rendering}`]);
    });

  it('is no sign of a drug for a rendering that is an ordinary word (霉素, 膦酸, 克拉)', () => {
    for (const rendering of ['霉素', '膦酸', '克拉', '长春', '泼尼', '铂'])
      expect(unknowns(`使用尤达${rendering}。`)).toEqual([]);
  });

  it('reaches left over transliteration characters, at most four, and one more after a sure word boundary', () => {
    expect(unknowns('考虑雷达单抗。').map((word) => word.text)).toEqual(['雷达单抗']);
    expect(unknowns('使用甲雷达单抗。').map((word) => word.text)).toEqual(['甲雷达单抗']);
    expect(unknowns('考虑甲雷达单抗。').map((word) => word.text)).toEqual(['雷达单抗']);
    expect(unknowns('甲雷达单抗。').map((word) => word.text)).toEqual(['甲雷达单抗']);
    expect(unknowns('使用妥尤雷达尤单抗。').map((word) => word.text)).toEqual(['尤雷达尤单抗']);
    expect(unknowns('用甲雷达尤单抗。').map((word) => word.text)).toEqual(['甲雷达尤单抗']);
    expect(unknowns('用甲尤雷达尤单抗。').map((word) => word.text)).toEqual(['尤雷达尤单抗']);
    expect(unknowns('使甲雷达尤单抗。').map((word) => word.text)).toEqual(['雷达尤单抗']);
    expect(unknowns('用丁单抗。')).toEqual([]);
    expect(unknowns('单抗。')).toEqual([]);
    expect(unknowns('a雷单抗。').map((word) => word.text)).toEqual(['雷单抗']);
  });

  it('stops at a recognised term or a skipped region', () => {
    expect(unknowns('使用尤达单抗。', [{ start: 3, end: 4 }])).toEqual([]);
    expect(unknowns('使用尤达单抗。', [{ start: 2, end: 3 }]).map((word) => word.text)).toEqual(['达单抗']);
    expect(unknowns('使用尤达单抗。', [], [{ start: 4, end: 5 }])).toEqual([]);
  });

  it('is no unknown word where it is a known name, inside one, or a near miss', () => {
    expect(unknowns('使用达雷妥尤单抗。')).toEqual([]);
    expect(unknowns('使用达雷妥由单抗。')).toEqual([]);
    expect(misses('使用达雷妥由单抗。').map((miss) => miss.text)).toEqual(['达雷妥由单抗']);
  });

  it('is no unknown word inside a longer known name that starts with it or ends with it', () => {
    expect(unknowns('使用雷达单抗丁。').map((word) => word.text)).toEqual(['雷达单抗']);
    const longer = dictionaryOf(
      { id: 'daratumumab', category: 'drug', zh: '达雷妥尤单抗', en: 'daratumumab' },
      { id: 'longer', category: 'drug', zh: '雷达单抗丁', en: 'leidadanking' },
      { id: 'earlier', category: 'drug', zh: '和尤达单抗', en: 'heyoudadank' },
    );
    const words = (line: string): string[] =>
      scanChineseLine(line, [], [], longer)
        .filter((item) => item.kind === 'unknown')
        .map((item) => item.text);
    expect(words('使用雷达单抗丁。')).toEqual([]);
    expect(words('使用和尤达单抗。')).toEqual([]);
    expect(words('使用尤达单抗。')).toEqual(['尤达单抗']);
  });
});

describe('the names indexed', () => {
  const indexed = dictionaryOf(
    {
      id: 'carfilzomib',
      category: 'drug',
      zh: '卡非佐米',
      en: 'carfilzomib',
      accepted: [{ text: 'Kyprolis', kind: 'brand-us' }],
    },
    {
      id: 'daratumumab',
      category: 'drug',
      zh: '达雷妥尤单抗',
      en: 'daratumumab',
      variants: [{ text: '达雷木单抗', kind: 'outdated', note: { zh: '旧名', en: 'old name' } }],
    },
    { id: 'chemotherapy', category: 'therapy', zh: '化学治疗', en: 'chemotherapy' },
  );
  const chinese = (line: string): [string, string, string][] =>
    scanChineseLine(line, [], [], indexed).map((item) => [
      item.text,
      item.kind === 'miss' ? item.candidates[0]!.name.text : '',
      item.kind === 'miss' ? item.candidates[0]!.name.replacement : '',
    ]);

  it('a variant, with the standard name to write instead', () => {
    expect(chinese('使用达雷目单抗。')).toEqual([['达雷目单抗', '达雷木单抗', '达雷妥尤单抗']]);
  });

  it('a name written in traditional script, compared in simplified', () => {
    expect(chinese('使用達雷妥由單抗。')).toEqual([['達雷妥由單抗', '达雷妥尤单抗', '达雷妥尤单抗']]);
    expect(chinese('使用達雷妥尤單抗。')).toEqual([]);
  });

  it('only drugs, classes and products', () => {
    expect(chinese('接受化学治了。')).toEqual([]);
  });

  it('an English accepted name (a brand), with itself to write', () => {
    const [miss] = scanEnglishLine('given Kyprolys weekly', [], [], indexed);
    expect(miss).toEqual({
      span: { start: 6, end: 14 },
      text: 'Kyprolys',
      candidates: [{ conceptId: 'carfilzomib', known: 'Kyprolis', replacement: 'Kyprolis', distance: 1 }],
    });
    expect(scanEnglishLine('given chemotherapi weekly', [], [], indexed)).toEqual([]);
  });
});

describe('English near misses in a line', () => {
  const english = dictionaryOf(
    { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib' },
    { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
    { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
  );
  const found = (line: string, matches: Span[] = [], skip: Span[] = []): [string, string, number][] =>
    scanEnglishLine(line, matches, skip, english).map((miss) => [
      miss.text,
      miss.candidates[0]!.replacement,
      miss.span.start,
    ]);

  it('finds a mistyped name, with its span, known form and distance', () => {
    const [miss] = scanEnglishLine('given bortezomid daily', [], [], english);
    expect(miss).toEqual({
      span: { start: 6, end: 16 },
      text: 'bortezomid',
      candidates: [{ conceptId: 'bortezomib', known: 'bortezomib', replacement: 'bortezomib', distance: 1 }],
    });
  });

  it('ignores a word in a recognised term or a skipped region, and not one beside them', () => {
    expect(found('bortezomid and carfilzomib', [{ start: 15, end: 26 }])).toEqual([['bortezomid', 'bortezomib', 0]]);
    expect(found('bortezomid and carfilzomib', [], [{ start: 15, end: 26 }])).toEqual([
      ['bortezomid', 'bortezomib', 0],
    ]);
    expect(found('bortezomid and carfilzomib', [{ start: 0, end: 10 }])).toEqual([]);
    expect(found('bortezomid and carfilzomib', [], [{ start: 0, end: 10 }])).toEqual([]);
    expect(found('see bortezomid', [{ start: 0, end: 3 }])).toEqual([['bortezomid', 'bortezomib', 4]]);
  });

  it('ignores a word glued to a longer token, and one of fewer than five letters', () => {
    expect(found('x_bortezomid')).toEqual([]);
    expect(found('bortezomid2')).toEqual([]);
    expect(found('a/bortezomid')).toEqual([]);
    expect(found('bortezomid@x')).toEqual([]);
    expect(found('(bortezomid)')).toEqual([['bortezomid', 'bortezomib', 1]]);
    expect(found('abcd')).toEqual([]);
  });

  it('finds a mistyped word of a multi-word name, its other words standing around it; the longer name wins', () => {
    expect(found('proteasome inhibtors given')).toEqual([['proteasome inhibtors', 'proteasome inhibitors', 0]]);
    expect(found('proteasome-inhibtor given')).toEqual([['proteasome-inhibtor', 'proteasome inhibitor', 0]]);
    expect(found('proteasome  inhibtor')).toEqual([]);
    expect(found('protaesome inhibitor', [{ start: 11, end: 20 }])).toEqual([
      ['protaesome inhibitor', 'proteasome inhibitor', 0],
    ]);
  });

  it('of two overlapping names with as many words, keeps the earlier', () => {
    const pair = dictionaryOf(
      { id: 'b', category: 'drug', zh: '乙乙乙', en: 'bortezomib delta' },
      { id: 'a', category: 'drug', zh: '甲甲甲', en: 'gamma bortezomib' },
    );
    const result = scanEnglishLine('gamma bortezomid delta', [], [], pair);
    expect(result.map((miss) => [miss.text, miss.candidates[0]!.conceptId])).toEqual([['gamma bortezomid', 'a']]);
  });

  it('allows edits by length, and measures transpositions as one', () => {
    expect([4, 5, 11, 12].map(allowedDistance)).toEqual([0, 1, 1, 2]);
    expect(editDistance('bortezomib', 'botrezomib', 2)).toBe(1);
    expect(editDistance('bortezomib', 'bortezomib', 2)).toBe(0);
    expect(editDistance('abc', 'abcde', 1)).toBe(2);
    expect(editDistance('abcdef', 'ghijkl', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('abcd', 'abxy', 2)).toBe(2);
    expect(editDistance('abcd', 'abdc', 2)).toBe(1);
    expect(editDistance('abcd', 'xyzw', 2)).toBe(3);
    expect(['inhibitor', 'antibody', 'class', 'box', 'branch', 'brush', 'day'].map(pluralOf)).toEqual([
      'inhibitors',
      'antibodies',
      'classes',
      'boxes',
      'branches',
      'brushes',
      'days',
    ]);
  });
});

describe('the stems of a word', () => {
  const suffix: StemEntry = {
    stem: '-mab',
    suffix: 'mab',
    zh: ['单抗'],
    basis: 'who-stem',
    meaning: { zh: '', en: '' },
  };
  const longer: StemEntry = { ...suffix, stem: '-ximab', suffix: 'ximab' };
  const prefix: StemEntry = {
    stem: 'vin-',
    prefix: 'vin',
    zh: ['长春'],
    basis: 'who-stem',
    meaning: { zh: '', en: '' },
  };
  const longerPrefix: StemEntry = { ...prefix, stem: 'vinc-', prefix: 'vinc' };
  const infix: StemEntry = {
    stem: 'pred',
    infix: 'pred',
    zh: ['泼尼'],
    basis: 'who-stem',
    meaning: { zh: '', en: '' },
  };

  it('needs letters beside a suffix or prefix, and finds an infix anywhere', () => {
    expect([stemInWord(suffix, 'mab'), stemInWord(suffix, 'xmab'), stemInWord(suffix, 'mabx')]).toEqual([
      false,
      true,
      false,
    ]);
    expect([stemInWord(prefix, 'vin'), stemInWord(prefix, 'vinx'), stemInWord(prefix, 'xvin')]).toEqual([
      false,
      true,
      false,
    ]);
    expect([stemInWord(infix, 'pred'), stemInWord(infix, 'xpredx'), stemInWord(infix, 'prex')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('keeps the most specific stem of each position', () => {
    const stems = [suffix, longer, prefix, longerPrefix, infix];
    expect(stemsOfWord('Rituximab', stems).map((stem) => stem.stem)).toEqual(['-ximab']);
    expect(stemsOfWord('adalimumab', stems).map((stem) => stem.stem)).toEqual(['-mab']);
    expect(stemsOfWord('vincristine', stems).map((stem) => stem.stem)).toEqual(['vinc-']);
    expect(stemsOfWord('vinblastine', stems).map((stem) => stem.stem)).toEqual(['vin-']);
    expect(stemsOfWord('vinximab', stems).map((stem) => stem.stem)).toEqual(['-ximab', 'vin-']);
    expect(stemsOfWord('prednimab', stems).map((stem) => stem.stem)).toEqual(['-mab', 'pred']);
    const twin: StemEntry = { ...suffix, stem: '-mab (twin)' };
    expect(stemsOfWord('adalimumab', [suffix, twin]).map((stem) => stem.stem)).toEqual(['-mab', '-mab (twin)']);
    const twinPrefix: StemEntry = { ...prefix, stem: 'vin- (twin)' };
    expect(stemsOfWord('vinblastine', [prefix, twinPrefix]).map((stem) => stem.stem)).toEqual(['vin-', 'vin- (twin)']);
    expect(stemsOfName('belantamab mafodotin-x, infliximab', stems).map((stem) => stem.stem)).toEqual([
      '-mab',
      '-ximab',
    ]);
  });
});

describe('how characters relate', () => {
  it('folds the merged initials and finals only where they stand', () => {
    expect(['na', 'ning', 'ang', 'hang', 'zha', 'song', 'ne', 'ng', 'ong', 'sheng'].map(fuzzySyllable)).toEqual([
      'la',
      'lin',
      'an',
      'fan',
      'za',
      'song',
      'le',
      'ng',
      'ong',
      'sen',
    ]);
  });

  it('marks the tone on a or e, on the o of ou, else on the last vowel', () => {
    expect(['楼', '贵', '了', '一', '吕', '好', '雷'].map(tonedReading)).toEqual([
      'lóu',
      'guì',
      'le',
      'yī',
      'lǚ',
      'hǎo',
      'léi',
    ]);
    expect(tonedReading('a')).toBe('');
  });

  it('knows glyph neighbours both ways', () => {
    expect(glyphSimilar('拍', '泊')).toBe(true);
    expect(glyphSimilar('泊', '拍')).toBe(true);
    expect(glyphSimilar('拍', 'x')).toBe(false);
    expect(glyphSimilar('x', '拍')).toBe(false);
    expect(glyphNeighbours('拍')).toContain('泊');
    expect(glyphNeighbours('拍')).not.toContain('拍');
    expect(glyphNeighbours('x')).toEqual([]);
  });
});

describe('the whole-text scan and its reuse', () => {
  const asMatches = (spans: Span[]): TermMatch[] => spans.map((span) => ({ span }) as unknown as TermMatch);

  it('scans again when only the end of a recognised term moved', () => {
    const text = '接受伊莎佐米治疗';
    expect(scanNearMisses(text, asMatches([{ start: 0, end: 2 }]), [], dictionary).chinese).toHaveLength(1);
    expect(scanNearMisses(text, asMatches([{ start: 0, end: 3 }]), [], dictionary).chinese).toEqual([]);
    expect(scanNearMisses(text, asMatches([{ start: 0, end: 2 }]), [], dictionary).chinese).toHaveLength(1);
    expect(scanNearMisses(text, asMatches([{ start: 1, end: 3 }]), [], dictionary).chinese).toEqual([]);
    expect(scanNearMisses(text, asMatches([]), [{ start: 0, end: 3 }], dictionary).chinese).toEqual([]);
    expect(scanNearMisses(text, asMatches([]), [{ start: 0, end: 2 }], dictionary).chinese).toHaveLength(1);
  });

  it('sorts its items into Chinese near misses, unknown words and English near misses, at offsets in the text', () => {
    const result = scanNearMisses('使用伊莎佐米。\n\n使用尤达单抗 and carfilzomid.', asMatches([]), [], dictionary);
    expect(result.chinese.map((miss) => [miss.text, miss.span.start])).toEqual([['伊莎佐米', 2]]);
    expect(result.unknown.map((word) => [word.text, word.span.start])).toEqual([['尤达单抗', 11]]);
    expect(result.english.map((miss) => [miss.text, miss.span.start])).toEqual([['carfilzomid', 20]]);
  });

  it('scans a repeated line again when its spans differ (start or end)', () => {
    const scanSpans = (line: string, matches: readonly Span[]): { span: Span; id: string }[] =>
      matches.map((span) => ({ span, id: `${line.length}:${span.start}-${span.end}` }));
    const shift = (item: { span: Span; id: string }, offset: number): { span: Span; id: string } => ({
      ...item,
      span: { start: item.span.start + offset, end: item.span.end + offset },
    });
    const ids = (matches: Span[], skip: Span[] = []): string[] =>
      byLines('abc\nabc\n', matches, skip, undefined, scanSpans, shift).map((item) => item.id);
    // More spans in the repeated line, in its terms and in its skipped regions.
    expect(
      ids(
        [
          { start: 0, end: 1 },
          { start: 4, end: 5 },
          { start: 6, end: 7 },
        ],
        [{ start: 5, end: 6 }],
      ),
    ).toEqual(['4:0-1', '4:0-1', '4:2-3']);
    expect(
      ids([
        { start: 0, end: 1 },
        { start: 4, end: 6 },
      ]),
    ).toEqual(['4:0-1', '4:0-2']);
    expect(
      ids([
        { start: 0, end: 1 },
        { start: 5, end: 6 },
      ]),
    ).toEqual(['4:0-1', '4:1-2']);
    expect(
      ids([
        { start: 0, end: 1 },
        { start: 4, end: 5 },
      ]),
    ).toEqual(['4:0-1', '4:0-1']);
    expect(
      ids([
        { start: 0, end: 1 },
        { start: 4, end: 5 },
        { start: 6, end: 7 },
      ]),
    ).toEqual(['4:0-1', '4:0-1', '4:2-3']);
  });

  it('measures how far two texts agree', () => {
    const previous: LineResults<never> = { text: 'abc\ndef\nghi\n', matches: [], skip: [], items: [] };
    expect(agreement(previous, 'abc\nXef\nghi\n', [], [])).toEqual({ prefix: 4, suffix: 6, delta: 0, common: 11 });
    expect(agreement(previous, 'abc\ndef\nghi\n', [], [])).toEqual({ prefix: 12, suffix: 13, delta: 0, common: 12 });
    expect(agreement(previous, 'abc\nZZdef\nghi\n', [], [])).toEqual({ prefix: 4, suffix: 7, delta: 2, common: 12 });
    expect(agreement(previous, 'abc\ndef\nghi\n', [{ start: 5, end: 6 }], [])).toMatchObject({ prefix: 5, suffix: 13 });
  });
});
