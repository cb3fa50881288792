import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, formatMessage, parseDictionary } from '../../../server/src/engine';

/**
 * What an English near miss tells the writer (its message, its reason and the title of each fix: the Chinese
 * ones are covered by nearMiss.test.ts, the English ones were not asserted), and the order of findings when
 * English and Chinese near misses share a text. A small inline dictionary.
 */
const small = buildDictionary([
  parseDictionary(
    `entries:
  - id: lenalidomide
    category: drug
    zh: 来那度胺
    en: lenalidomide
    cite: [{ source: test }]
  - id: carfilzomib
    category: drug
    zh: 卡非佐米
    en: carfilzomib
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

const nearMisses = (text: string) =>
  analyze(text, small, { languageId: 'plaintext' }).findings.filter((finding) => finding.ruleId === 'near-miss-name');

describe('near-miss-name in English text', () => {
  it('names the known word, the distance and the name to write, in both languages; a capital written is kept', () => {
    const [finding, ...rest] = nearMisses('Patients received Lenalidomid daily.');
    expect(rest).toEqual([]);
    expect(finding!.message.id).toBe('near-miss-name.message');
    expect(formatMessage(finding!.message, 'en')).toBe(
      '“Lenalidomid” is not in the dictionary; probably “Lenalidomide”: 1 letter(s) from lenalidomide; write Lenalidomide',
    );
    expect(formatMessage(finding!.message, 'zh-cn')).toBe(
      '“Lenalidomid”不在词典中，可能应为“Lenalidomide”：与“lenalidomide”只差 1 个字母，应写作“Lenalidomide”',
    );
    expect(finding!.fixes).toEqual([
      {
        tier: 'suggestion',
        title: { id: 'near-miss-name.fix', params: { candidate: 'Lenalidomide' } },
        edits: [{ span: { start: 18, end: 29 }, newText: 'Lenalidomide' }],
      },
    ]);
  });

  it('reports English and Chinese near misses in text order', () => {
    const text = 'carfilzomb 与来那度安';
    expect(nearMisses(text).map((finding) => text.slice(finding.span.start, finding.span.end))).toEqual([
      'carfilzomb',
      '来那度安',
    ]);
  });
});
