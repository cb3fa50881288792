import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildDictionary,
  complete,
  parsePrh,
  prepareCompletion,
  type Analysis,
  type Dictionary,
} from '../../server/src/engine';
import { typedFragment } from '../../server/src/engine/completion';
import { keepLineBreaks, lineBreakKeeper } from '../../server/src/engine/text/lineBreaks';
import type { Edit, Fix } from '../../server/src/engine/types';
import { message, pick, render, renderBoth, templateParameters } from '../../server/src/engine/messageFormat';
import { cursor, dictionaryOf, layerOf } from '../helpers/dictionary';

/**
 * Behaviour of the engine's core modules that the broader tests leave open: message templates, paragraph breaks
 * written with CR, users' pattern matches beside dictionary matches, completion ranking, incremental edits at the
 * ends of a text and at the edges of skipped regions.
 */

describe('message templates', () => {
  it('lists the parameters of a template once each, in order of first use', () => {
    expect(templateParameters('{a} 与 {b}，又是 {a}')).toEqual(['a', 'b']);
    expect(templateParameters('没有参数')).toEqual([]);
    expect(templateParameters('{x}')).toEqual(['x']);
    expect(templateParameters('{not a name} {ok_1}')).toEqual(['ok_1']);
  });

  it('renders in the locale, fills parameters (a Bilingual in the same locale), keeps unknown ones, trims', () => {
    const template = { zh: ' “{text}”应为“{name}”（{count} 次） ', en: ' "{text}" should be {name} ({count}) ' };
    const params = { text: 'x', name: { zh: '甲', en: 'A' }, count: 3 };
    expect(render(template, params, 'zh-cn')).toBe('“x”应为“甲”（3 次）');
    expect(render(template, params, 'en')).toBe('"x" should be A (3)');
    expect(render(template, { text: 'x' }, 'en')).toBe('"x" should be {name} ({count})');
    expect(render(template, undefined, 'zh-cn')).toBe('“{text}”应为“{name}”（{count} 次）');
    expect(render({ zh: '{a}{b}', en: '' }, { a: 0, b: '' }, 'zh-cn')).toBe('0');
    expect(renderBoth(template, params)).toEqual({ zh: '“x”应为“甲”（3 次）', en: '"x" should be A (3)' });
    expect(pick({ zh: '中', en: 'en' }, 'en')).toBe('en');
    expect(pick({ zh: '中', en: 'en' }, 'zh-cn')).toBe('中');
  });

  it('builds a message with its parameters only when there are any', () => {
    expect(message('hover.list', { items: 'a', item: 'b' })).toEqual({
      id: 'hover.list',
      params: { items: 'a', item: 'b' },
    });
    expect(Object.keys(message('completion.nonstandard', { text: 't' }))).toEqual(['id', 'params']);
    expect(Object.keys(message('hover.abstract'))).toEqual(['id']);
  });
});

const myeloma = dictionaryOf({
  id: 'multiple-myeloma',
  category: 'disease',
  zh: '多发性骨髓瘤',
  en: 'multiple myeloma',
});
const matched = (text: string, languageId = 'markdown'): string[] =>
  analyze(text, myeloma, { languageId }).matches.map((match) => text.slice(match.span.start, match.span.end));

describe('paragraph breaks: no term crosses a blank line, whatever its line breaks', () => {
  it.each([
    ['多发性\n骨髓瘤', ['多发性\n骨髓瘤']],
    ['多发性\r\n骨髓瘤', ['多发性\r\n骨髓瘤']],
    ['多发性\r骨髓瘤', ['多发性\r骨髓瘤']],
    ['多发性\n\n骨髓瘤', []],
    ['多发性\r\n\r\n骨髓瘤', []],
    ['多发性\r\r骨髓瘤', []],
    ['多发性\r\n \r\n骨髓瘤', []],
    ['multiple\r\nmyeloma', ['multiple\r\nmyeloma']],
    ['multiple\r\rmyeloma', []],
  ])('%j', (text, expected) => {
    expect(matched(text)).toEqual(expected);
  });

  it('joins lines across a blank line in plain text, which has no paragraph barrier', () => {
    expect(matched('多发性\r\r骨髓瘤', 'plaintext')).toEqual(['多发性\r\r骨髓瘤']);
  });
});

describe('users’ pattern rules beside dictionary matches', () => {
  const prh = parsePrh(
    'version: 1\nrules:\n  - expected: 第$1期\n    pattern: /第([一二三四])阶段/\n',
    'prh.yml',
    'workspace',
    {
      allowPatterns: true,
    },
  );
  const dictionary = buildDictionary([
    layerOf({ id: 'multiple-myeloma', category: 'disease', zh: '多发性骨髓瘤', en: 'multiple myeloma' }),
    prh,
  ]);

  it('keeps a pattern match that a longer dictionary match elsewhere does not overlap, in text order', () => {
    const text = '第三阶段的多发性骨髓瘤';
    const analysis = analyze(text, dictionary);
    expect(analysis.matches.map((match) => text.slice(match.span.start, match.span.end))).toEqual([
      '第三阶段',
      '多发性骨髓瘤',
    ]);
    const fixes = analysis.findings.filter((finding) => finding.ruleId === 'nonstandard-name');
    expect(fixes.map((finding) => finding.fixes[0]!.edits[0]!.newText)).toEqual(['第三期']);
  });

  it('orders pattern matches among dictionary matches by where they start', () => {
    const text = '多发性骨髓瘤第二阶段，多发性骨髓瘤';
    const analysis = analyze(text, dictionary);
    expect(analysis.matches.map((match) => match.span.start)).toEqual([0, 6, 11]);
  });
});

describe('users’ pattern rules over dictionary matches they overlap', () => {
  const prh = parsePrh(
    'version: 1\nrules:\n  - expected: 第$1期\n    pattern: /第([一二三四])阶段/\n  - expected: 三期疗法\n    pattern: /三阶段疗法/\n',
    'prh.yml',
    'workspace',
    { allowPatterns: true },
  );
  const dictionary = buildDictionary([
    layerOf(
      { id: 'stage-three', category: 'disease', zh: '第三阶段', en: 'stage three' },
      { id: 'multiple-myeloma', category: 'disease', zh: '多发性骨髓瘤', en: 'multiple myeloma' },
    ),
    prh,
  ]);
  const found = (text: string) =>
    analyze(text, dictionary).matches.map((match) => [
      text.slice(match.span.start, match.span.end),
      match.surface.role,
      match.surface.variant?.replaceWith,
    ]);

  it('a pattern match as long as the dictionary match it overlaps replaces it', () => {
    expect(found('在第三阶段。')).toEqual([['第三阶段', 'variant', '第三期']]);
  });

  it('a pattern match overlapping an earlier pattern match is dropped', () => {
    expect(found('第三阶段疗法').map(([text]) => text)).toEqual(['第三阶段']);
  });
});

describe('fixes in a heading that a link points to', () => {
  const dictionary = dictionaryOf({
    id: 'lenalidomide',
    category: 'drug',
    zh: '来那度胺',
    en: 'lenalidomide',
    variants: [{ text: '利那度胺', kind: 'nonstandard-transliteration', note: { zh: '音译', en: 'transliteration' } }],
  });
  const tiers = (text: string, languageId = 'markdown') =>
    analyze(text, dictionary, { languageId })
      .findings.filter((finding) => finding.ruleId === 'nonstandard-name')
      .map((finding) => [finding.span.start, finding.fixes.map((fix) => fix.tier)]);

  it('become suggestions there (renaming the heading would break the link), and stay safe elsewhere', () => {
    expect(tiers('# 利那度胺\n\n见[上文](#利那度胺)。利那度胺')).toEqual([
      [2, ['suggestion']],
      [21, ['safe']],
    ]);
    expect(tiers('利那度胺\n\n# 利那度胺\n\n[x](#利那度胺)')).toEqual([
      [0, ['safe']],
      [8, ['suggestion']],
    ]);
    expect(tiers('# 关于利那度胺\n\n[上文](#关于利那度胺)')).toEqual([[4, ['suggestion']]]);
  });

  it('stay safe without a link to the heading, or outside Markdown', () => {
    expect(tiers('# 利那度胺\n\n见[上文](#别处)。')).toEqual([[2, ['safe']]]);
    expect(tiers('# 利那度胺\n\n见[上文](#利那度胺)。', 'plaintext')).toEqual([
      [2, ['safe']],
      [15, ['safe']],
    ]);
  });
});

describe('completion ranking', () => {
  const dictionary = dictionaryOf(
    { id: 'zeta', category: 'drug', zh: '子药', en: 'zeta', accepted: [{ text: '甲乙丙', kind: 'synonym' }] },
    { id: 'alpha', category: 'drug', zh: '丑药', en: 'alpha', accepted: [{ text: '甲乙丁', kind: 'short-form' }] },
    { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
    { id: 'fictive', category: 'drug', zh: '非佐泰', en: 'fictive' },
  );
  prepareCompletion(dictionary);
  const completeAt = (marked: string) => {
    const { text, offset } = cursor(marked);
    return { text, result: complete(text, offset, dictionary, { locale: 'zh-cn' }) };
  };

  it('ranks a synonym before another accepted name of the same length', () => {
    expect(completeAt('用甲乙|').result!.items.map((item) => item.conceptId)).toEqual(['zeta', 'alpha']);
  });

  it('stops at the longest suffix that starts a name: 卡非佐 offers 卡非佐米, not 非佐泰 for its last two', () => {
    const { text, result } = completeAt('用卡非佐|');
    expect(result!.items.map((item) => item.conceptId)).toEqual(['carfilzomib']);
    expect(result!.range).toEqual({ start: 1, end: text.length });
  });
});

describe('typedFragment', () => {
  const long = '甲'.repeat(50);
  const latinLong = 'a'.repeat(50);
  it.each([
    ['abc', 3, { span: { start: 0, end: 3 }, script: 'latin' }],
    ['用 x-1/ab', 8, { span: { start: 2, end: 8 }, script: 'latin' }],
    ['1abc', 4, { span: { start: 1, end: 4 }, script: 'latin' }],
    ['-abc', 4, { span: { start: 1, end: 4 }, script: 'latin' }],
    ['abc def', 5, { span: { start: 4, end: 5 }, script: 'latin' }],
    ['卡非abc', 5, { span: { start: 2, end: 5 }, script: 'latin' }],
    ['abc卡非', 5, { span: { start: 3, end: 5 }, script: 'han' }],
    ['治疗卡非佐米', 4, { span: { start: 0, end: 4 }, script: 'han' }],
    ['卡非 ', 3, undefined],
    ['abc。', 4, undefined],
    ['123', 3, undefined],
    ['', 0, undefined],
    [long, 50, { span: { start: 10, end: 50 }, script: 'han' }],
    [latinLong, 45, { span: { start: 5, end: 45 }, script: 'latin' }],
  ] as const)('%j at %i', (text, offset, expected) => {
    expect(typedFragment(text, offset)).toEqual(expected);
  });
});

describe('completion from Latin letters: English before pinyin before initials', () => {
  const dictionary = dictionaryOf(
    { id: 'zlatin', category: 'drug', en: 'kamo', zh: '子药' },
    { id: 'apinyin', category: 'drug', zh: '卡莫', en: 'other' },
    { id: 'mid', category: 'drug', en: 'kmx', zh: '丑药' },
    { id: 'zp', category: 'drug', zh: 'BTK叶', en: 'zp' },
    { id: 'aq', category: 'drug', zh: 'BTK一二', en: 'aq' },
    { id: 'brand', category: 'drug', zh: '丙药', en: 'bbb', accepted: [{ text: 'Velcade', kind: 'brand-us' }] },
  );
  prepareCompletion(dictionary);
  const ranked = (text: string) =>
    complete(text, text.length, dictionary, { locale: 'zh-cn' })!.items.map((item) => [item.conceptId, item.matchedBy]);

  it('ranks pinyin before initials of the same length, and matches a Latin accepted name as Latin', () => {
    expect(ranked('btkye')).toEqual([
      ['zp', 'pinyin'],
      ['aq', 'initials'],
    ]);
    expect(ranked('velc')).toEqual([['brand', 'latin']]);
  });

  it('ranks an English name before the same letters as pinyin, and initials after both', () => {
    expect(ranked('kamo')).toEqual([
      ['zlatin', 'latin'],
      ['apinyin', 'pinyin'],
    ]);
    expect(ranked('KM')).toEqual([
      ['mid', 'latin'],
      ['apinyin', 'initials'],
    ]);
  });
});

describe('incremental analysis at the ends of the text and the edges of skipped regions', () => {
  const dictionary = dictionaryOf(
    { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib' },
    { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
  );
  const spans = (analysis: Analysis) =>
    analysis.matches.map((match) => [match.span.start, match.span.end, match.conceptId]);
  const step = (before: string, after: string, languageId: string, d: Dictionary = dictionary) => {
    const previous = analyze(before, d, { languageId });
    const incremental = analyze(after, d, { languageId, previous });
    const scratch = analyze(after, d, { languageId });
    expect(spans(incremental)).toEqual(spans(scratch));
    expect(incremental.findings).toEqual(scratch.findings);
    return spans(incremental);
  };

  it.each([
    ['替佐米', '硼替佐米', 'plaintext', [[0, 4, 'bortezomib']]],
    ['硼替佐米', 'X硼替佐米', 'plaintext', [[1, 5, 'bortezomib']]],
    ['硼替佐', '硼替佐米', 'plaintext', [[0, 4, 'bortezomib']]],
    ['硼替佐米', '硼替佐米米', 'plaintext', [[0, 4, 'bortezomib']]],
    ['硼替佐米', '替佐米', 'plaintext', []],
    ['`硼替`佐米。卡非佐米', '硼替`佐米。卡非佐米', 'markdown', [[6, 10, 'carfilzomib']]],
    ['`x`硼替佐米', '`x` 硼替佐米', 'markdown', [[4, 8, 'bortezomib']]],
    ['硼替佐米`x`', '硼替佐米 `x`', 'markdown', [[0, 4, 'bortezomib']]],
    [
      '硼替佐米`x`卡非佐米',
      '硼替佐米`xy`卡非佐米',
      'markdown',
      [
        [0, 4, 'bortezomib'],
        [8, 12, 'carfilzomib'],
      ],
    ],
    [
      '卡非佐米。`硼替佐米`。卡非佐米',
      '卡非佐米。硼替佐米`。卡非佐米',
      'markdown',
      [
        [0, 4, 'carfilzomib'],
        [5, 9, 'bortezomib'],
        [11, 15, 'carfilzomib'],
      ],
    ],
    [
      '卡非佐米。<!-- 硼替佐米 -->。卡非佐米',
      '卡非佐米。<!- 硼替佐米 -->。卡非佐米',
      'markdown',
      [
        [0, 4, 'carfilzomib'],
        [9, 13, 'bortezomib'],
        [18, 22, 'carfilzomib'],
      ],
    ],
  ] as const)('%j → %j', (before, after, languageId, expected) => {
    expect(step(before, after, languageId)).toEqual(expected);
  });
});

describe('keepLineBreaks: a replacement across a soft line break keeps the break', () => {
  const replaced = (text: string, newText: string): string =>
    keepLineBreaks(text, { span: { start: 0, end: text.length }, newText }).newText;

  it.each([
    // in the common suffix: at the same character
    ['利那\n度胺', '来那度胺', '来那\n度胺'],
    ['利那\r\n  度胺', '来那度胺', '来那\r\n  度胺'],
    ['利那\r度胺', '来那度胺', '来那\r度胺'],
    ['利那 \n\u3000\n\t度胺', '来那度胺', '来那 \n\u3000\n\t度胺'],
    ['利\n那\n度胺', '来那度胺', '来\n那\n度胺'],
    // in the common prefix
    ['来那度\n胺', '来那度胺片', '来那度\n胺片'],
    ['来\n那度胺', '来那度胺片剂', '来\n那度胺片剂'],
    // inside the changed part: the same offset, clamped to the replacement's changed part
    ['甲\n乙', '丙丁戊', '丙\n丁戊'],
    ['甲乙丙\n丁', 'X', 'X\n'],
    // between two Latin words: the break takes the place of the replacement's space
    ['multiple\nmyeloma', 'Multiple Myeloma', 'Multiple\nMyeloma'],
    ['multiple\r\n   myeloma', 'Multiple Myeloma', 'Multiple\r\n   Myeloma'],
    ['multi\nple', 'multiple', 'multi\nple'],
    ['CD\n38', 'CD38', 'CD\n38'],
    ['利那\nXY', '来那XY', '来那\nXY'],
    ['甲\nab', '乙 ab', '乙 \nab'],
    ['ab\n甲', 'ab 乙', 'ab\n 乙'],
    ['来那\n度胺', '来那X度胺', '来那\nX度胺'],
    ['利\n那度胺', '来来那度胺', '来来\n那度胺'],
    ['甲乙丙\n丁戊', 'XY戊', 'XY\n戊'],
    ['那甲\n那', '那', '那\n'],
    ['来那\n度胺', '来那度胺', '来那\n度胺'],
  ])('%j → %j gives %j', (text, newText, expected) => {
    expect(replaced(text, newText)).toBe(expected);
  });

  it('returns the same edit when it crosses no line break, and keeps the span', () => {
    const edit: Edit = { span: { start: 1, end: 5 }, newText: '来那度胺' };
    expect(keepLineBreaks('用利那度胺\n。', edit)).toBe(edit);
    const after: Edit = { span: { start: 2, end: 6 }, newText: '来那度胺' };
    expect(keepLineBreaks('用\n利那度胺', after)).toBe(after);
    const crossing: Edit = { span: { start: 1, end: 6 }, newText: '来那度胺' };
    expect(keepLineBreaks('用利那\n度胺。', crossing)).toEqual({ span: { start: 1, end: 6 }, newText: '来那\n度胺' });
  });

  it('lineBreakKeeper maps each shared edit list once and returns unchanged fixes as they are', () => {
    const text = '利那\n度胺与利那度胺';
    const title = { id: 'hover.abstract' } as const;
    const all: readonly Edit[] = [
      { span: { start: 0, end: 5 }, newText: '来那度胺' },
      { span: { start: 6, end: 10 }, newText: '来那度胺' },
    ];
    const plainEdits: readonly Edit[] = [{ span: { start: 6, end: 10 }, newText: '来那度胺' }];
    const keep = lineBreakKeeper(text);
    const untouched: Fix[] = [{ tier: 'safe', title, edits: plainEdits }];
    expect(keep(untouched)).toBe(untouched);
    const first: Fix[] = [{ tier: 'safe', title, edits: all, scope: 'document' }];
    const second: Fix[] = [{ tier: 'suggestion', title, edits: all }, untouched[0]!];
    const one = keep(first);
    const two = keep(second);
    expect(one).not.toBe(first);
    expect(one[0]).toEqual({
      tier: 'safe',
      title,
      scope: 'document',
      edits: [{ span: { start: 0, end: 5 }, newText: '来那\n度胺' }, all[1]],
    });
    expect(one[0]!.edits[1]).toBe(all[1]);
    expect(two[0]!.edits).toBe(one[0]!.edits);
    expect(two[0]!.tier).toBe('suggestion');
    expect(two[1]).toBe(untouched[0]);
  });
});
