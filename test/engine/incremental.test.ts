import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, parseDictionary, type Analysis, type Dictionary } from '../../server/src/engine';
import { dictionaryOf, review, type TestEntry } from '../helpers/dictionary';

/**
 * An analysis given the analysis of the previous version (options.previous) reuses its matches outside the
 * edited part (engine/incremental.ts). It must give exactly what an analysis from scratch gives, whatever
 * the edit: inside a term, across a paragraph break, opening a code block or a URL that changes what is
 * skipped further on, next to Latin words, full-width letters, white space of every kind, NUL.
 */

const plain = (analysis: Analysis) => ({
  matches: analysis.matches.map((match) => ({
    span: match.span,
    text: match.text,
    conceptId: match.conceptId,
    surface: match.surface.text,
    role: match.surface.role,
  })),
  regimens: analysis.regimenMentions,
  findings: analysis.findings,
});

function expectSame(text: string, dictionary: Dictionary, languageId: string, previous: Analysis): Analysis {
  const incremental = analyze(text, dictionary, { languageId, previous });
  const scratch = analyze(text, dictionary, { languageId });
  expect(plain(incremental)).toEqual(plain(scratch));
  return incremental;
}

// An inline dictionary that the term rules have something to find in (variants, a confusable and its context, a
// synonym against its standard name, abbreviations, regimens written as chains); the same oracle over the shipped
// dictionary is in test/data/incremental.test.ts.
const note = { zh: '测试用的说明', en: 'a note for the test' };
const ENTRIES: TestEntry[] = [
  {
    id: 'lenalidomide',
    category: 'drug',
    zh: '来那度胺',
    en: 'lenalidomide',
    variants: [{ text: '利那度胺', kind: 'nonstandard-transliteration', note }],
  },
  { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib', classes: ['proteasome-inhibitor'] },
  { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib', classes: ['proteasome-inhibitor'] },
  { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib', classes: ['proteasome-inhibitor'] },
  { id: 'thalidomide', category: 'drug', zh: '沙利度胺', en: 'thalidomide' },
  { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
  {
    id: 'daratumumab',
    category: 'drug',
    zh: '达雷妥尤单抗',
    en: 'daratumumab',
    variants: [{ text: '达雷木单抗', kind: 'outdated', note }],
  },
  {
    id: 'elotuzumab',
    category: 'drug',
    zh: '埃罗妥珠单抗',
    en: 'elotuzumab',
    variants: [{ text: '埃雷妥珠单抗', kind: 'nonstandard-transliteration', note }],
  },
  {
    id: 'multiple-myeloma',
    category: 'disease',
    zh: '多发性骨髓瘤',
    en: 'multiple myeloma',
    abbreviations: ['MM'],
    accepted: [{ text: '骨髓瘤', kind: 'short-form' }],
  },
  {
    id: 'progression-free-survival',
    category: 'outcome',
    zh: '无进展生存期',
    en: 'progression-free survival',
    abbreviations: ['PFS'],
  },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
  {
    id: 'protease-inhibitor',
    category: 'drug-class',
    zh: '蛋白酶抑制剂',
    en: 'protease inhibitor',
    confusableWith: [
      { id: 'proteasome-inhibitor', context: ['proteasome-inhibitor', 'bortezomib', 'multiple-myeloma'], reason: note },
    ],
  },
  {
    id: 'car-t',
    category: 'therapy',
    zh: '嵌合抗原受体T细胞疗法',
    en: 'chimeric antigen receptor T-cell therapy',
    abbreviations: ['CAR-T'],
  },
  {
    id: 'asct',
    category: 'therapy',
    zh: '自体造血干细胞移植',
    en: 'autologous stem cell transplantation',
    abbreviations: ['ASCT'],
    accepted: [{ text: '自体干细胞移植', kind: 'synonym' }],
  },
  {
    id: 'vrd',
    category: 'regimen',
    zh: '硼替佐米+来那度胺+地塞米松',
    en: 'VRd (bortezomib + lenalidomide + dexamethasone)',
    abbreviations: ['VRd'],
    components: ['bortezomib', 'lenalidomide', 'dexamethasone'],
  },
  {
    id: 'krd',
    category: 'regimen',
    zh: '卡非佐米+来那度胺+地塞米松',
    en: 'KRd (carfilzomib + lenalidomide + dexamethasone)',
    abbreviations: ['KRd'],
    components: ['carfilzomib', 'lenalidomide', 'dexamethasone'],
  },
];
const dictionary = dictionaryOf(...ENTRIES);
const forms = [
  '来那度胺',
  '利那度胺',
  '硼替佐米',
  '地塞米松',
  '达雷妥尤单抗',
  '达雷木单抗',
  '埃雷妥珠单抗',
  '多发性骨髓瘤',
  '多发性骨髓',
  '骨髓瘤',
  'PFS',
  'pfs',
  'VRd',
  'KRd',
  'bortezomib',
  'Bortezomib',
  'multiple myeloma',
  'multiple  myeloma',
  '蛋白酶抑制剂',
  '蛋白酶体抑制剂',
  '无进展生存期',
  'CAR-T',
  'ＰＦＳ',
  '自体造血干细胞移植',
  '自体干细胞移植',
];
const pieces = [
  '，',
  '。',
  '和',
  '联合',
  '、',
  ' ',
  '\t',
  '\u3000',
  '\n',
  '\n\n',
  '\r\n',
  '\r\n\r\n',
  '（',
  '）',
  '(',
  ')',
  'a',
  'x1',
  '2',
  '7',
  'q',
  'Ｚ',
  '`',
  '```\n',
  '~~~\n',
  '$',
  '\\',
  '\\cite{a}',
  '%',
  'http://e.org/',
  ' www.',
  '<!--',
  '-->',
  '[t](',
  '---\n',
  '\u0000',
  '\uD842',
  '\uDFB7',
  '髓',
  '瘤',
  '多',
  '抑制剂',
];
const fragment = fc
  .array(fc.oneof(fc.constantFrom(...forms), fc.constantFrom(...pieces)), { maxLength: 12 })
  .map((parts) => parts.join(''));
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fragment,
});

function applyEdit(text: string, change: { at: number; remove: number; insert: string }): string {
  const at = Math.min(text.length, Math.floor(change.at * (text.length + 1)));
  return text.slice(0, at) + change.insert + text.slice(Math.min(text.length, at + change.remove));
}

// Few Latin letters in its keys: most letters and digits occur in no key, yet must not end a rescan window
// (a match may not start right after a letter: "qPFS" has no match, "，PFS" has).
const small = buildDictionary([
  parseDictionary(
    `entries:
  - id: pfs
    category: outcome
    zh: 无进展生存期
    en: progression-free survival
    abbreviations: [PFS]
    cite: [{ source: test }]
  - id: lenalidomide
    category: drug
    zh: 来那度胺
    en: lenalidomide
    variants:
      - { text: 利那度胺, kind: nonstandard-transliteration, note: { zh: 旧译, en: old } }
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

describe('incremental analysis', () => {
  it('equals an analysis from scratch with a dictionary that leaves most Latin letters out of its keys', () => {
    expect(small.problems).toEqual([]);
    expect(analyze('q，PFS qPFS', small).matches.map((match) => match.span)).toEqual([{ start: 2, end: 5 }]);
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('PFS', 'pfs', 'q', '2', 'Ｚ', 'PF', 'S', '，', '来那度胺', '利那', '度胺', ' ', '\n\n'),
          { maxLength: 40 },
        ),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (parts, edits) => {
          let text = parts.join('');
          let previous = analyze(text, small, { languageId: 'markdown' });
          for (const change of edits) {
            text = applyEdit(text, change);
            previous = expectSame(text, small, 'markdown', previous);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  for (const languageId of ['markdown', 'latex', 'plaintext']) {
    it(`equals an analysis from scratch after any sequence of edits (${languageId})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.constantFrom(...forms), fc.constantFrom(...pieces)), { maxLength: 60 }),
          fc.array(edit, { minLength: 1, maxLength: 6 }),
          (parts, edits) => {
            let text = parts.join('');
            let previous = analyze(text, dictionary, { languageId });
            for (const change of edits) {
              text = applyEdit(text, change);
              previous = expectSame(text, dictionary, languageId, previous);
            }
          },
        ),
        { numRuns: 400 },
      );
    });
  }

  it('equals an analysis from scratch on the review, for edits anywhere in it', () => {
    const base = review();
    fc.assert(
      fc.property(edit, (change) => {
        expectSame(
          applyEdit(base, change),
          dictionary,
          'markdown',
          analyze(base, dictionary, { languageId: 'markdown' }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('reuses the match objects before and after a one-character edit in the middle of the review', () => {
    const base = review();
    const first = analyze(base, dictionary, { languageId: 'markdown' });
    const middle = first.matches[Math.floor(first.matches.length / 2)]!;
    // Replace the character after a match in the middle by another of the same length: nothing shifts.
    const at = middle.span.end;
    const edited = `${base.slice(0, at)}${base[at] === '的' ? '之' : '的'}${base.slice(at + 1)}`;
    const second = expectSame(edited, dictionary, 'markdown', first);
    const reused = second.matches.filter((match) => first.matches.includes(match)).length;
    // Everything outside the sentence around the edit is the same object; a scan from scratch would make all anew.
    expect(reused).toBeGreaterThan(first.matches.length - 20);
    expect(first.matches[0]).toBe(second.matches[0]);
    expect(first.matches.at(-1)).toBe(second.matches.at(-1));
  });

  it('shifts the matches after an insertion and keeps those before it', () => {
    const base = '硼替佐米联合来那度胺。达雷木单抗和地塞米松。PFS（无进展生存期）';
    const first = analyze(base, dictionary, { languageId: 'markdown' });
    const edited = base.replace('达雷木单抗', '达雷妥尤单抗');
    const second = expectSame(edited, dictionary, 'markdown', first);
    expect(second.matches[0]).toBe(first.matches[0]);
    expect(second.matches.map((match) => match.text)).toEqual([
      '硼替佐米',
      '来那度胺',
      '达雷妥尤单抗',
      '地塞米松',
      'PFS',
      '无进展生存期',
    ]);
    expect(second.matches.at(-1)!.span).toEqual({ start: edited.indexOf('无进展生存期'), end: edited.length - 1 });
  });

  it('opening a code block hides every term after it, and closing it brings them back', () => {
    const base = '来那度胺。\n\n硼替佐米。\n\n利那度胺。\n';
    const first = analyze(base, dictionary, { languageId: 'markdown' });
    const opened = base.replace('\n\n硼', '\n\n```\n硼');
    const second = expectSame(opened, dictionary, 'markdown', first);
    expect(second.matches.map((match) => match.text)).toEqual(['来那度胺']);
    const closed = `${opened}\`\`\`\n利那度胺`;
    const third = expectSame(closed, dictionary, 'markdown', second);
    expect(third.matches.map((match) => match.text)).toEqual(['来那度胺', '利那度胺']);
  });

  it('does not reuse the matches of another dictionary or another language', () => {
    const text = '利那度胺。来那度安。';
    const other = dictionaryOf(...ENTRIES, {
      id: 'lenalidomide-typo-test',
      category: 'drug',
      zh: '来那度安',
      en: 'lenalidomide-typo-test',
    });
    const first = analyze(text, dictionary, { languageId: 'markdown' });
    const second = analyze(text, other, { languageId: 'markdown', previous: first });
    expect(second.matches.map((match) => match.text)).toEqual(['利那度胺', '来那度安']);
    expect(plain(second)).toEqual(plain(analyze(text, other, { languageId: 'markdown' })));
    const latex = analyze('\\cite{来那度胺} 利那度胺', dictionary, {
      languageId: 'latex',
      previous: analyze('\\cite{来那度胺} 利那度胺', dictionary, { languageId: 'plaintext' }),
    });
    expect(latex.matches.map((match) => match.text)).toEqual(['利那度胺']);
  });
});
