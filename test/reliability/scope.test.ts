import { describe, expect, it } from 'vitest';
import { analyze, fixAllSafe } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';

/**
 * Audit row W2: --fix and the diagnostics never touch what is not prose (engine/scope.ts). One case per
 * construct: the term inside it is neither reported nor fixed, while the same term in prose in the same
 * document still is. 利那度胺 → 来那度胺 is a safe fix (the review, section on lenalidomide).
 */
const TERM = '利那度胺';
const PROSE = `正文：${TERM}。`;

const CASES: { construct: string; languageId: string; text: string }[] = [
  {
    construct: 'Markdown indented code block (four spaces)',
    languageId: 'markdown',
    text: `${PROSE}\n\n    x = "${TERM}"\n    y = 1\n`,
  },
  {
    construct: 'Markdown indented code block (a tab)',
    languageId: 'markdown',
    text: `${PROSE}\n\n\tprint("${TERM}")\n`,
  },
  { construct: 'HTML <pre> block', languageId: 'markdown', text: `${PROSE}\n\n<pre>\n${TERM}\n</pre>\n` },
  { construct: 'HTML <code> inline element', languageId: 'markdown', text: `${PROSE}用 <code>${TERM}</code> 作键。\n` },
  {
    construct: 'HTML <script> block',
    languageId: 'markdown',
    text: `${PROSE}\n\n<script>var d = "${TERM}";</script>\n`,
  },
  {
    construct: 'HTML <style> block',
    languageId: 'markdown',
    text: `${PROSE}\n\n<style>\n.${TERM} { color: red }\n</style>\n`,
  },
  { construct: 'HTML tag attributes', languageId: 'markdown', text: `${PROSE}<a href="docs/${TERM}.html">链接</a>\n` },
  {
    construct: 'angle-bracket link destination with spaces',
    languageId: 'markdown',
    text: `${PROSE}[路径](<docs/${TERM} 说明.md>)\n`,
  },
  {
    construct: 'angle-bracket link destination with a title',
    languageId: 'markdown',
    text: `${PROSE}[路径](<docs/${TERM}.md> "说明")\n`,
  },
  {
    construct: 'angle-bracket autolink <https://…>',
    languageId: 'markdown',
    text: `${PROSE}见 <https://example.org/${TERM}/ab>。\n`,
  },
  {
    construct: 'TOML front matter (+++)',
    languageId: 'markdown',
    text: `+++\ntitle = "${TERM}研究"\n+++\n\n${PROSE}\n`,
  },
  { construct: 'heading anchor {#id}', languageId: 'markdown', text: `## 概述 {#${TERM}}\n\n${PROSE}\n` },
  { construct: 'footnote label [^label]', languageId: 'markdown', text: `${PROSE}[^${TERM}]\n\n[^${TERM}]: 注释。\n` },
  {
    construct: 'LaTeX verbatim environment',
    languageId: 'latex',
    text: `${PROSE}\n\\begin{verbatim}\n${TERM}\n\\end{verbatim}\n`,
  },
  {
    construct: 'LaTeX lstlisting environment',
    languageId: 'latex',
    text: `${PROSE}\n\\begin{lstlisting}[language=Python]\nx = "${TERM}"\n\\end{lstlisting}\n`,
  },
  {
    construct: 'LaTeX minted environment',
    languageId: 'latex',
    text: `${PROSE}\n\\begin{minted}{python}\nx = "${TERM}"\n\\end{minted}\n`,
  },
  {
    construct: 'LaTeX comment environment',
    languageId: 'latex',
    text: `${PROSE}\n\\begin{comment}\n${TERM}\n\\end{comment}\n`,
  },
  { construct: 'LaTeX \\verb|…|', languageId: 'latex', text: `${PROSE}\\verb|${TERM}| 与 \\verb+${TERM}+。\n` },
  {
    construct: 'LaTeX \\lstinline and \\mintinline',
    languageId: 'latex',
    text: `${PROSE}\\lstinline|${TERM}| \\mintinline{python}{"${TERM}"}\n`,
  },
];

describe('W2: what is not prose is neither reported nor fixed', () => {
  it.each(CASES)('W2: $construct', ({ languageId, text }) => {
    const dictionary = builtinDictionary();
    const prose = text.indexOf(PROSE) + PROSE.indexOf(TERM);
    const reported = analyze(text, dictionary, { languageId })
      .findings.filter((finding) => finding.ruleId === 'nonstandard-name')
      .map((finding) => [finding.span.start, finding.span.end]);
    // Negative: the term in prose is still reported; positive: nowhere else.
    expect(reported).toEqual([[prose, prose + TERM.length]]);
    const expected = text.slice(0, prose) + '来那度胺' + text.slice(prose + TERM.length);
    expect(fixAllSafe(text, dictionary, { languageId }).text).toBe(expected);
  });

  it('W2: a heading that a link of the document points to (#anchor) is reported, but --fix leaves it (the link would break)', () => {
    const dictionary = builtinDictionary();
    const text = `## ${TERM}\n\n${PROSE}跳到[该节](#${TERM})。\n`;
    const findings = analyze(text, dictionary, { languageId: 'markdown' }).findings.filter(
      (finding) => finding.ruleId === 'nonstandard-name',
    );
    expect(findings.map((finding) => [finding.span.start, finding.fixes[0]!.tier])).toEqual([
      [3, 'suggestion'],
      [text.indexOf(PROSE) + PROSE.indexOf(TERM), 'safe'],
    ]);
    expect(fixAllSafe(text, dictionary, { languageId: 'markdown' }).text).toBe(
      text.replace(PROSE, PROSE.replace(TERM, '来那度胺')),
    );
    // Without a link to it, the heading is fixed as any prose.
    expect(fixAllSafe(`## ${TERM}\n`, dictionary, { languageId: 'markdown' }).text).toBe('## 来那度胺\n');
  });

  it('W2: four-space indentation that continues a list item or a paragraph is prose, not code', () => {
    const dictionary = builtinDictionary();
    for (const text of [`- 第一项\n\n    ${TERM}续写。\n`, `段落第一行\n    ${TERM}续行。\n`]) {
      expect(
        analyze(text, dictionary, { languageId: 'markdown' }).findings.filter(
          (finding) => finding.ruleId === 'nonstandard-name',
        ),
      ).toHaveLength(1);
    }
  });
});
