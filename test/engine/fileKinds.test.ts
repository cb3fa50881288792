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
import { builtinDictionary, ROOT } from '../helpers/dictionary';
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
  it('finds terms only in the prose: not in front matter, chunks, inline r, labels, citation keys or shortcodes', () => {
    const analysis = analyze(QUARTO, builtinDictionary(), { languageId: 'quarto' });
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
    const analysis = analyze(prose, builtinDictionary(), { languageId: 'quarto' });
    expect(analysis.matches.some((match) => match.text === 'KRd')).toBe(true);
  });
});
