import type { Span } from './types';

/**
 * Regions of a document that are not prose and must not be checked (nor fixed): Markdown code
 * (fenced, indented, inline, and <pre>/<code>/<script>/<style> HTML), HTML tags, URLs, link targets
 * (also <angle-bracket> ones), YAML and TOML front matter, heading attributes {#id}, footnote labels
 * and HTML comments; LaTeX commands, comments, math and verbatim text (verbatim, lstlisting, minted,
 * comment environments, \verb|…|, \lstinline, \mintinline). Plain text is checked whole. Returned
 * spans are sorted and non-overlapping.
 */
export type DocumentKind = 'markdown' | 'latex' | 'plaintext' | 'wordprocessing';

export function documentKind(languageId: string): DocumentKind {
  const id = languageId.toLowerCase();
  if (id === 'markdown' || id === 'mdx' || id === 'quarto' || id === 'rmd') return 'markdown';
  if (id === 'latex' || id === 'tex' || id === 'bibtex' || id === 'context') return 'latex';
  // The text of a Word document (engine/docx): paragraphs joined by blank lines, which no term crosses.
  if (id === 'docx') return 'wordprocessing';
  return 'plaintext';
}

export function skippedRegions(text: string, kind: DocumentKind): Span[] {
  if (kind === 'markdown') return normalise(markdownRegions(text));
  if (kind === 'latex') return normalise(latexRegions(text));
  if (kind === 'wordprocessing') {
    const spans: Span[] = [];
    collectLinks(text, spans);
    return normalise(spans);
  }
  return [];
}

function normalise(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) {
      if (span.end > last.end) out[out.length - 1] = { start: last.start, end: span.end };
    } else if (span.end > span.start) {
      out.push(span);
    }
  }
  return out;
}

function collect(text: string, pattern: RegExp, spans: Span[], group = 0): void {
  for (const match of text.matchAll(pattern)) {
    const whole = match[0];
    const index = match.index ?? 0;
    if (group === 0) {
      spans.push({ start: index, end: index + whole.length });
    } else {
      const part = match[group];
      if (part === undefined) continue;
      const offset = whole.indexOf(part);
      spans.push({ start: index + offset, end: index + offset + part.length });
    }
  }
}

const URL = /\b(?:https?|ftp|file):\/\/[^\s<>()（）\u3000-\u303f\uff01-\uff5e]+/gu;
const WWW = /\bwww\.[^\s<>()（）\u3000-\u303f\uff01-\uff5e]+/gu;
const EMAIL = /\b[\w.+-]+@[\w-]+\.[\w.-]+/gu;

/**
 * Markdown headings that a link in the same document points to by their generated anchor (`[x](#标题)`,
 * GitHub's slug: lower case, punctuation dropped, spaces as hyphens). Renaming such a heading would break
 * the link, so a fix there is a suggestion, not a safe fix (analysis.ts). A heading with an explicit
 * `{#id}` keeps its anchor whatever its text and is not listed.
 */
export function linkedHeadings(text: string, kind: DocumentKind): Span[] {
  if (kind !== 'markdown' || !text.includes('#')) return [];
  const targets = new Set<string>();
  for (const match of text.matchAll(
    /\]\(\s*<?#([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?#(\S+?)>?[ \t]*$/gm,
  )) {
    const fragment = match[1] ?? match[2] ?? '';
    let decoded = fragment;
    try {
      decoded = decodeURIComponent(fragment);
    } catch {
      // not percent-encoded: as written
    }
    targets.add(decoded.toLowerCase());
  }
  if (targets.size === 0) return [];
  const spans: Span[] = [];
  for (const match of text.matchAll(/^[ \t]{0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*\r?$/gm)) {
    const title = match[1]!;
    if (/\{[ \t]*#[^{}]*\}[ \t]*$/.test(title)) continue;
    const slug = title
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    if (!targets.has(slug)) continue;
    const start = (match.index ?? 0) + match[0].indexOf(title);
    spans.push({ start, end: start + title.length });
  }
  return spans;
}

/** Bare URLs and e-mail addresses; each pattern runs only where its marker occurs in the text at all. */
function collectLinks(text: string, spans: Span[]): void {
  if (text.includes('://')) collect(text, URL, spans);
  if (text.includes('www.')) collect(text, WWW, spans);
  if (text.includes('@')) collect(text, EMAIL, spans);
}

function markdownRegions(text: string): Span[] {
  const spans: Span[] = [];
  // Front matter: only at the very start.
  const front = /^(?:\ufeff)?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (front) spans.push({ start: 0, end: front[0].length });
  // TOML front matter (Hugo, Zola): +++ … +++ at the very start.
  const toml = /^(?:\ufeff)?\+\+\+[ \t]*\r?\n[\s\S]*?\r?\n\+\+\+[ \t]*(?:\r?\n|$)/.exec(text);
  if (toml) spans.push({ start: 0, end: toml[0].length });
  // Indented code blocks (four spaces or a tab, not inside a list item, not continuing a paragraph).
  if (/^(?: {0,3}\t| {4})/m.test(text)) indentedCode(text, spans);
  // Each pattern runs only if the character that must start it occurs at all (most prose has no code).
  const backtick = text.includes('`');
  // Fenced code blocks (``` or ~~~, up to three spaces of indent), to the closing fence or the end.
  if (backtick || text.includes('~~~'))
    collect(text, /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\1[ \t]*$|(?![\s\S]))/gm, spans);
  // Inline code spans.
  if (backtick) collect(text, /(`+)(?!`)[\s\S]*?[^`]\1(?!`)|``/g, spans);
  const angle = text.includes('<');
  // HTML comments.
  if (angle) collect(text, /<!--[\s\S]*?(?:-->|$)/g, spans);
  if (angle) {
    // Code, scripts and styles written as HTML: the whole element (a block element without its end tag runs
    // to the end of the document, as in CommonMark); then every other tag, whose attributes are not prose.
    collect(text, /<(pre|script|style|textarea)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|(?![\s\S]))/gi, spans);
    collect(text, /<(code|kbd|samp|var|tt)\b[^>]*>[\s\S]{0,20000}?<\/\1\s*>/gi, spans); // bounded: an unclosed tag must not scan the rest of a long text again and again
    collect(text, /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g, spans);
  }
  // Link and image targets: ](target) and reference definitions [id]: target
  if (text.includes('](')) collect(text, /\]\(([^)\s]*(?:\s+"[^"]*")?)\)/g, spans, 1);
  // Angle-bracket destinations, which may hold spaces: [x](<docs/a b.md> "title").
  if (text.includes('](')) collect(text, /\]\(\s*(<[^<>\n]*>(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?)\s*\)/g, spans, 1);
  // Heading and block attributes {#id .class}, and footnote labels [^label].
  if (text.includes('{')) collect(text, /\{[ \t]*[#.][^{}\n]*\}[ \t]*$/gm, spans);
  if (text.includes('[^')) collect(text, /\[\^[^\]\s]+\]/g, spans);
  if (text.includes(']:')) collect(text, /^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(\S+.*)$/gm, spans, 1);
  // Autolinks and bare URLs.
  if (angle) collect(text, /<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>/g, spans);
  collectLinks(text, spans);
  // Pandoc/Quarto/R Markdown citation keys and cross-references: [@key; @other], -@key, @fig-os (keys are
  // ASCII here, so a key written against Chinese prose, @fig-os所示, ends before the prose). Not e-mail.
  if (text.includes('@'))
    collect(
      text,
      /(?<![\w@.])-?@(?:\{[^}\n]*\}|[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&\-+?<>~/](?=[A-Za-z0-9_]))*)/g,
      spans,
    );
  // Quarto shortcodes {{< … >}} and attribute blocks {#fig-os .class key=value} (headings, ::: divs, images).
  if (text.includes('{{<')) collect(text, /\{\{<[\s\S]*?>\}\}/g, spans);
  if (text.includes('{')) collect(text, /\{[#.][^{}\n]*\}/g, spans);
  return spans;
}

/**
 * Indented code blocks: lines indented by four or more columns after a blank line (or at the start), with
 * the blank lines between them. Not inside a list (where indentation continues an item) and never
 * continuing a paragraph (CommonMark: indented code cannot interrupt one).
 */
const LIST_ITEM = /[ \t]{0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?$)/my;

function indentedCode(text: string, spans: Span[]): void {
  let previousBlank = true;
  let inList = false;
  let codeStart = -1;
  let codeEnd = -1;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    // Leading white space in columns (a tab to the next multiple of four), and whether the line is blank.
    let columns = 0;
    let i = start;
    for (; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x20) columns++;
      else if (code === 0x09) columns += 4 - (columns % 4);
      else break;
    }
    const blank = i >= end || (i === end - 1 && text.charCodeAt(i) === 0x0d);
    if (blank) {
      previousBlank = true;
    } else if (columns >= 4 && (codeStart >= 0 || (previousBlank && !inList))) {
      if (codeStart < 0) codeStart = start;
      codeEnd = end;
      previousBlank = false;
    } else {
      if (codeStart >= 0) spans.push({ start: codeStart, end: codeEnd });
      codeStart = -1;
      LIST_ITEM.lastIndex = start;
      if (LIST_ITEM.test(text)) inList = true;
      else if (columns === 0 && previousBlank) inList = false;
      previousBlank = false;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  if (codeStart >= 0) spans.push({ start: codeStart, end: codeEnd });
}

/** Commands whose arguments are keys or paths, not prose. */
const LATEX_KEY_COMMANDS =
  'cite|citep|citet|citeauthor|ref|eqref|autoref|cref|Cref|pageref|label|begin|end|includegraphics|input|include|bibliography|bibliographystyle|usepackage|documentclass|url|href|hyperref|newcommand|renewcommand|def|setlength|addbibresource';

function latexRegions(text: string): Span[] {
  const spans: Span[] = [];
  // Verbatim text: environments whose body is code or is not typeset, and inline verbatim commands.
  if (text.includes('\\begin'))
    collect(
      text,
      /\\begin\{(verbatim|Verbatim|BVerbatim|LVerbatim|lstlisting|minted|comment|filecontents|pycode|luacode)(\*?)\}[\s\S]*?(?:\\end\{\1\2\}|(?![\s\S]))/g,
      spans,
    );
  if (text.includes('\\verb') || text.includes('\\lstinline') || text.includes('\\mintinline')) {
    collect(
      text,
      /\\(?:verb\*?|lstinline(?:\[[^\]\n]*\])?|mintinline(?:\[[^\]\n]*\])?\{[^}\n]*\})([^\sa-zA-Z{])[^\n]*?\1/g,
      spans,
    );
    collect(text, /\\(?:lstinline(?:\[[^\]\n]*\])?|mintinline(?:\[[^\]\n]*\])?\{[^}\n]*\})\{[^{}\n]*\}/g, spans);
  }
  // Comments: % to the end of the line, unless escaped.
  collect(text, /(?<!\\)%.*$/gm, spans);
  // Display and inline math.
  collect(text, /\$\$[\s\S]*?\$\$|(?<!\\)\$(?:\\.|[^$\\])+\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)/g, spans);
  collect(
    text,
    /\\begin\{(equation|align|gather|multline|eqnarray|displaymath|math)(\*?)\}[\s\S]*?\\end\{\1\2\}/g,
    spans,
  );
  // Commands whose arguments are keys: the command with its optional and braced arguments.
  collect(text, new RegExp(`\\\\(?:${LATEX_KEY_COMMANDS})\\*?(?:\\[[^\\]]*\\])*(?:\\{[^{}]*\\})*`, 'g'), spans);
  // Any other command name (its braced argument stays prose: \textbf{硼替佐米}).
  collect(text, /\\(?:[a-zA-Z@]+\*?|.)/g, spans);
  collectLinks(text, spans);
  return spans;
}
