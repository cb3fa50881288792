import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FILE_KINDS,
  activationLanguageIds,
  analyze,
  fileKindOf,
  languageIdsFor,
  textFileGlob,
} from '../../server/src/engine';
import { dictionaryOf, ROOT } from '../helpers/dictionary';
import { QUARTO } from '../helpers/quarto';

describe('one list of file kinds', () => {
  it('gives package.json exactly its language ids as activation events', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { activationEvents: string[] };
    const onLanguage = manifest.activationEvents
      .filter((event) => event.startsWith('onLanguage:'))
      .map((event) => event.slice('onLanguage:'.length));
    expect(onLanguage.sort()).toEqual(activationLanguageIds().sort());
  });

  it('knows .qmd, .Rmd and .Rmarkdown as Markdown, and Quarto and R Markdown language ids with it', () => {
    expect(fileKindOf('paper.qmd')?.analysis).toBe('markdown');
    expect(fileKindOf('C:\\docs\\analysis.Rmd')?.analysis).toBe('markdown');
    expect(fileKindOf('notes.rmarkdown')?.analysis).toBe('markdown');
    expect(fileKindOf('paper.docx')?.analysis).toBe('docx');
    expect(fileKindOf('script.R')).toBeUndefined();
    expect(languageIdsFor('markdown')).toEqual(['markdown', 'quarto', 'rmd']);
    expect(textFileGlob()).toBe('**/*.{md,markdown,qmd,Rmd,rmd,Rmarkdown,rmarkdown,tex,txt,text,rst}');
  });

  it('is what the README lists', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const kind of FILE_KINDS) {
      for (const extension of kind.extensions) expect(readme, extension).toContain(`.${extension}`);
      for (const id of kind.languageIds) expect(readme, id).toContain(`\`${id}\``);
    }
  });
});

describe('Quarto and R Markdown', () => {
  // The names the Quarto document holds, inline: three variants and a regimen abbreviation.
  const note = { zh: '测试用的说明', en: 'a note for the test' };
  const dictionary = dictionaryOf(
    {
      id: 'daratumumab',
      category: 'drug',
      zh: '达雷妥尤单抗',
      en: 'daratumumab',
      variants: [{ text: '达雷木单抗', kind: 'outdated', note }],
    },
    {
      id: 'lenalidomide',
      category: 'drug',
      zh: '来那度胺',
      en: 'lenalidomide',
      variants: [{ text: '利那度胺', kind: 'nonstandard-transliteration', note }],
    },
    {
      id: 'elotuzumab',
      category: 'drug',
      zh: '埃罗妥珠单抗',
      en: 'elotuzumab',
      variants: [{ text: '埃雷妥珠单抗', kind: 'nonstandard-transliteration', note }],
    },
    { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
    { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
    {
      id: 'krd',
      category: 'regimen',
      zh: '卡非佐米+来那度胺+地塞米松',
      en: 'KRd (carfilzomib + lenalidomide + dexamethasone)',
      abbreviations: ['KRd'],
      components: ['carfilzomib', 'lenalidomide', 'dexamethasone'],
    },
  );

  it('finds terms only in the prose: not in front matter, chunks, inline r, labels, citation keys or shortcodes', () => {
    const analysis = analyze(QUARTO, dictionary, { languageId: 'quarto' });
    const found = analysis.findings.map((finding) => [
      QUARTO.slice(finding.span.start, finding.span.end),
      QUARTO.slice(0, finding.span.start).split('\n').length,
    ]);
    expect(found).toEqual([
      ['达雷木单抗', 6],
      ['埃雷妥珠单抗', 13],
    ]);
  });

  it('would report the abbreviations in the citation keys if they were prose (the test can fail)', () => {
    const prose = QUARTO.split('@').join('');
    const analysis = analyze(prose, dictionary, { languageId: 'quarto' });
    expect(analysis.matches.some((match) => match.text === 'KRd')).toBe(true);
    expect(analysis.findings.some((finding) => finding.ruleId === 'undefined-abbreviation')).toBe(true);
  });
});
