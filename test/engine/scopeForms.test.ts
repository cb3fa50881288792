import { describe, expect, it } from 'vitest';
import { documentKind, linkedHeadings, skippedRegions, type DocumentKind } from '../../server/src/engine/scope';

/** The skipped text, span by span, so each case pins exact ranges (spans are sorted and non-overlapping). */
const skipped = (text: string, kind: DocumentKind): string[] =>
  skippedRegions(text, kind).map((span) => text.slice(span.start, span.end));
const headings = (text: string): string[] =>
  linkedHeadings(text, 'markdown').map((span) => text.slice(span.start, span.end));

describe('documentKind', () => {
  it.each([
    ['markdown', 'markdown'],
    ['MDX', 'markdown'],
    ['quarto', 'markdown'],
    ['Rmd', 'markdown'],
    ['latex', 'latex'],
    ['TeX', 'latex'],
    ['bibtex', 'latex'],
    ['context', 'latex'],
    ['docx', 'wordprocessing'],
    ['plaintext', 'plaintext'],
    ['html', 'plaintext'],
  ] as const)('%s is %s', (id, kind) => {
    expect(documentKind(id)).toBe(kind);
  });
});

describe('skippedRegions: plain text and Word text', () => {
  it('checks plain text whole, links included', () => {
    expect(skippedRegions('见 https://a.org/x 与 a@b.cn', 'plaintext')).toEqual([]);
  });

  it('skips URLs, www addresses and e-mail addresses in the text of a Word document, nothing else', () => {
    const text = '见 https://a.org/x 或 www.b.cn/y，写信 doc.a+b@c-d.org.cn 。`代码` <b>x</b> $m$';
    expect(skipped(text, 'wordprocessing')).toEqual(['https://a.org/x', 'www.b.cn/y', 'doc.a+b@c-d.org.cn']);
  });

  it.each([
    ['ftp://h/p 后', ['ftp://h/p']],
    ['file:///tmp/a 后', ['file:///tmp/a']],
    ['（https://a.org/x）后', ['https://a.org/x']],
    ['https://a.org/x。后', ['https://a.org/x']],
    ['https://a.org/x，后', ['https://a.org/x']],
    ['<https://a.org/x>', ['https://a.org/x']],
    ['(www.a.cn)', ['www.a.cn']],
    ['www.a.cn、后', ['www.a.cn']],
    ['mail a@b.c', ['a@b.c']],
    ['a@b 不是', []],
    ['xwww.a.cn', []],
    ['xhttps://a', []],
    ['见 www.a.cn，硼替佐米', ['www.a.cn']],
    ['见 www.a.cn（硼替佐米）', ['www.a.cn']],
  ])('%s', (text, expected) => {
    expect(skipped(text, 'wordprocessing')).toEqual(expected);
  });
});

describe('skippedRegions: Markdown', () => {
  it.each([
    // front matter, YAML and TOML, only at the very start
    ['---\ntitle: 标题\n---\n正文', ['---\ntitle: 标题\n---\n']],
    ['---\r\ntitle: 标题\r\n...\r\n正文', ['---\r\ntitle: 标题\r\n...\r\n']],
    ['\ufeff---\na: b\n---', ['\ufeff---\na: b\n---']],
    ['---\na: b\n--- \n正文', ['---\na: b\n--- \n']],
    ['正文\n---\na: b\n---\n', []],
    ['+++\ntitle = "x"\n+++\n正文', ['+++\ntitle = "x"\n+++\n']],
    ['+++ \r\na = 1\r\n+++', ['+++ \r\na = 1\r\n+++']],
    ['\ufeff+++\na = 1\n+++\n正文', ['\ufeff+++\na = 1\n+++\n']],
    ['正文\n+++\na = 1\n+++\n', []],
    // fenced code, to the closing fence or the end
    ['前\n```js\n代码\n```\n后', ['```js\n代码\n```']],
    ['前\n~~~\n代码\n~~~\n后', ['~~~\n代码\n~~~']],
    ['前\n   ````\n代码\n```\n仍是代码\n   ````  \n后', ['   ````\n代码\n```\n仍是代码\n   ````  ']],
    ['前\n```\n代码到结尾', ['```\n代码到结尾']],
    ['前\n\n    ```\n后', ['    ```']],
    // inline code
    ['用 `a b` 和 ``x ` y`` 后', ['`a b`', '``x ` y``']],
    ['空 `` 后', ['``']],
    ['单个 ` 反引号', []],
    // HTML comments, to --> or the end
    ['前<!-- 注释 -->后', ['<!-- 注释 -->']],
    ['前<!-- 注释\n多行 -->后', ['<!-- 注释\n多行 -->']],
    ['前<!-- 注释到结尾', ['<!-- 注释到结尾']],
    // code elements
    ['前<pre>代码</pre>后', ['<pre>代码</pre>']],
    ['前<script type="x">代码</script >后', ['<script type="x">代码</script >']],
    ['前<STYLE>代码</style>后', ['<STYLE>代码</style>']],
    ['前<textarea>代码', ['<textarea>代码']],
    ['前<code>代码</code>后', ['<code>代码</code>']],
    ['前<code class="x">代码</CODE >后', ['<code class="x">代码</CODE >']],
    [
      '前<kbd>键</kbd>和<samp>样</samp>和<var>量</var>和<tt>字</tt>后',
      ['<kbd>键</kbd>', '<samp>样</samp>', '<var>量</var>', '<tt>字</tt>'],
    ],
    ['前<code>未闭合 后', ['<code>']],
    ['前<prefix>文</prefix>后', ['<prefix>', '</prefix>']],
    // other tags: the tag only
    ['前<span title="标题">文</span>后', ['<span title="标题">', '</span>']],
    ['前<br/>后<hr />尾', ['<br/>', '<hr />']],
    ['a < b 和 c > d', []],
    // link targets
    ['[文](a.md)后', ['a.md']],
    ['[文](a.md "标题")后', ['a.md "标题"']],
    ['[文]()后', []],
    ['[文](<docs/a b.md>)后', ['<docs/a b.md>']],
    ['[文]( <docs/a b.md> )后', ['<docs/a b.md>']],
    ['[文](<a b.md> "标 题")后', ['<a b.md> "标 题"']],
    ["[文](<a b.md> '标 题')后", ["<a b.md> '标 题'"]],
    ['[文](<1 a\nb.md>)后', []],
    // reference definitions
    ['[id]: https://a.org/x "标题"\n正文', ['https://a.org/x "标题"']],
    ['[id]:docs/a.md\n正文', ['docs/a.md']],
    ['   [id]:\tdocs/a.md\n正文', ['docs/a.md']],
    ['    [id]: docs/a.md', ['    [id]: docs/a.md']],
    ['见 [id]: 不是定义', []],
    // attributes and footnote labels
    ['# 标题 {#sec-a .unnumbered}\n正文', ['{#sec-a .unnumbered}']],
    ['# 标题 { #sec-a }  \n正文', ['{ #sec-a }  ']],
    ['文{.class}中', ['{.class}']],
    ['文{not attr}中', []],
    ['文[^注1]和[^ 2]', ['[^注1]']],
    // autolinks
    ['见<tel:12345>后', ['<tel:12345>']],
    ['见<doi:10.1000/x>后', ['<doi:10.1000/x>']],
    ['见<a:b c>后', []],
    // citations and cross-references
    ['如 [@smith2020; @li-2021] 所述', ['@smith2020', '@li-2021']],
    ['见 -@fig-os所示', ['-@fig-os']],
    ['见 @{key with space}后', ['@{key with space}']],
    ['见 @tbl:a.b 和 @x. 后', ['@tbl:a.b', '@x']],
    ['写信 a@b.cn', ['a@b.cn']],
    ['abc@fig 文', []],
    ['.@fig 文', []],
    ['@@fig 文', []],
    // shortcodes
    ['前{{< video https://a >}}后', ['{{< video https://a >}}']],
    ['前{{< 跨\n行 >}}后', ['{{< 跨\n行 >}}']],
  ])('%j', (text, expected) => {
    expect(skipped(text, 'markdown')).toEqual(expected);
  });

  it('merges overlapping and nested spans and drops empty ones', () => {
    const text = '见 [链接](https://a.org/x) 与 `https://b.org` 后';
    expect(skipped(text, 'markdown')).toEqual(['https://a.org/x', '`https://b.org`']);
    expect(skippedRegions('    代码\n正文\n正文\n正文', 'markdown')).toEqual([{ start: 0, end: 6 }]);
    const adjacent = '`a``b`';
    expect(skippedRegions(adjacent, 'markdown')).toEqual([{ start: 0, end: 6 }]);
  });

  describe('indented code', () => {
    it.each([
      ['    代码', ['    代码']],
      ['\t代码', ['\t代码']],
      ['正文\n\n    代码一\n    代码二\n\n正文', ['    代码一\n    代码二']],
      ['正文\n\n    代码一\n\n    代码二\n正文', ['    代码一\n\n    代码二']],
      ['正文\n\n    代码一\r\n    \r\n    代码二\r\n正文', ['    代码一\r\n    \r\n    代码二\r']],
      ['正文\n    续行', []],
      ['正文\n\n  \t代码', ['  \t代码']],
      ['正文\n\n   不是代码', []],
      ['- 项\n\n    续项', []],
      ['1. 项\n\n    续项', []],
      ['2) 项\n\n    续项', []],
      ['123456789. 项\n\n    续项', []],
      ['1234567890. 项\n\n    代码', ['    代码']],
      ['正文\r\n\r\n    代码\r\n', ['    代码\r']],
      ['-\n\n    续项', []],
      ['-项\n\n    代码', ['    代码']],
      ['- 项\n\n正文\n\n    代码', ['    代码']],
      ['- 项\n正文\n\n    续项', []],
      ['- 项\n\n  正文\n\n    续项', []],
    ])('%j', (text, expected) => {
      expect(skipped(text, 'markdown')).toEqual(expected);
    });
  });
});

describe('skippedRegions: LaTeX', () => {
  it.each([
    ['前\\begin{verbatim}代码\\end{verbatim}后', ['\\begin{verbatim}代码\\end{verbatim}']],
    ['前\\begin{lstlisting*}代码\\end{lstlisting*}后', ['\\begin{lstlisting*}代码\\end{lstlisting*}']],
    ['前\\begin{comment}代码', ['\\begin{comment}代码']],
    ['前\\begin{minted}{py}代码\\end{minted}后', ['\\begin{minted}{py}代码\\end{minted}']],
    ['前\\begin{itemize}文\\end{itemize}后', ['\\begin{itemize}', '\\end{itemize}']],
    ['前\\verb|代 码|后', ['\\verb|代 码|']],
    ['前\\verb*+代码+后', ['\\verb*+代码+']],
    ['前\\lstinline[language=C]!代码!后', ['\\lstinline[language=C]!代码!']],
    ['前\\lstinline{代码}后', ['\\lstinline{代码}']],
    ['前\\mintinline{py}{代码}后', ['\\mintinline{py}{代码}']],
    ['前\\mintinline[x]{py}|代码|后', ['\\mintinline[x]{py}|代码|']],
    ['前%注释\n后', ['%注释']],
    ['50\\%的患者', ['\\%']],
    ['前$a+b$后', ['$a+b$']],
    ['前$$\n甲\n$$后', ['$$\n甲\n$$']],
    ['前\\$5 与 \\$6后', ['\\$', '\\$']],
    ['前$a\\$b$后', ['$a\\$b$']],
    ['前\\[x\\]后', ['\\[x\\]']],
    ['前\\(x\\)后', ['\\(x\\)']],
    ['前\\begin{align*}甲\\end{align*}后', ['\\begin{align*}甲\\end{align*}']],
    ['前\\begin{equation}甲\\end{equation}后', ['\\begin{equation}甲\\end{equation}']],
    ['见\\cite[p.~3]{key}文', ['\\cite[p.~3]{key}']],
    ['见\\ref{fig:a}文', ['\\ref{fig:a}']],
    ['见\\cite*{key}文', ['\\cite*{key}']],
    ['见\\label{a}{b}[c]文', ['\\label{a}{b}']],
    ['\\usepackage[utf8]{inputenc}文', ['\\usepackage[utf8]{inputenc}']],
    ['\\textbf{硼替佐米}', ['\\textbf']],
    ['\\section*{标题}', ['\\section*']],
    ['\\makeatletter\\@foo 文', ['\\makeatletter\\@foo']],
    ['文\\\\下一行', ['\\\\']],
    ['文\\,文', ['\\,']],
    ['见 https://a.org/x 文', ['https://a.org/x']],
  ])('%j', (text, expected) => {
    expect(skipped(text, 'latex')).toEqual(expected);
  });
});

describe('linkedHeadings', () => {
  it.each([
    ['# 硼替佐米\n见[上文](#硼替佐米)', ['硼替佐米']],
    ['## Drug Names\n[x](#drug-names)', ['Drug Names']],
    ['## 硼替佐米（万珂）\n[x](#硼替佐米万珂)', ['硼替佐米（万珂）']],
    ['## a_b-c\n[x](#a_b-c)', ['a_b-c']],
    ['## 标题 ##\n[x](#标题)', ['标题']],
    ['   ### 标题\t\n[x](#标题)', ['标题']],
    ['# 标题\r\n[x](#标题)', ['标题']],
    ['#标题\n[x](#标题)', []],
    ['    # 标题\n[x](#标题)', []],
    ['####### 标题\n[x](#标题)', []],
    ['# 标题 {#sec}\n[x](#标题-sec)', []],
    ['# 标题\n[x](#%E6%A0%87%E9%A2%98)', ['标题']],
    ['# 100%\n[x](#100)', ['100%']],
    ['# 100%\n[x](#100%)', []],
    ['# 标题\n[x]( <#标题> "说明" )', ['标题']],
    ['# 标题\n[x](#标题 "说明")', ['标题']],
    ['# 标题\n[x](#标题 )', ['标题']],
    ['# 标题\n[x](#其他)', []],
    ['# 标题\n[x](other.md#标题)', []],
    ['# 标题\n[ref]: #标题', ['标题']],
    ['# 标题\n[ref]:<#标题>  ', ['标题']],
    ['# 标题\n   [ref]:\t#标题', ['标题']],
    ['# 标题\n    [ref]: #标题', []],
    ['# 标题\n[ref]: #标题 后', []],
    ['# Title\n[x](#TITLE)', ['Title']],
  ])('%j', (text, expected) => {
    expect(headings(text)).toEqual(expected);
  });

  it('is only for Markdown with a # at all', () => {
    expect(linkedHeadings('# 标题\n[x](#标题)', 'plaintext')).toEqual([]);
    expect(linkedHeadings('# 标题\n[x](#标题)', 'latex')).toEqual([]);
    expect(linkedHeadings('标题', 'markdown')).toEqual([]);
  });

  it('gives the exact range of the title', () => {
    expect(linkedHeadings('正文\n## 标题 ##\n[x](#标题)', 'markdown')).toEqual([{ start: 6, end: 8 }]);
  });
});
