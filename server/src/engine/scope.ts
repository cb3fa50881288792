import type { Span } from './types';

/**
 * Regions of a document that are not prose and must not be checked: Markdown code, URLs, link
 * targets, front matter and HTML comments; LaTeX commands, comments and math. Plain text is
 * checked whole. Returned spans are sorted and non-overlapping.
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
const WWW = /\bwww\.[^\s<>()（）\u3000-\u303f]+/gu;
const EMAIL = /\b[\w.+-]+@[\w-]+\.[\w.-]+/gu;

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
  // Each pattern runs only if the character that must start it occurs at all (most prose has no code).
  const backtick = text.includes('`');
  // Fenced code blocks (``` or ~~~, up to three spaces of indent), to the closing fence or the end.
  if (backtick || text.includes('~~~')) collect(text, /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\1[ \t]*$|(?![\s\S]))/gm, spans);
  // Inline code spans.
  if (backtick) collect(text, /(`+)(?!`)[\s\S]*?[^`]\1(?!`)|``/g, spans);
  const angle = text.includes('<');
  // HTML comments.
  if (angle) collect(text, /<!--[\s\S]*?(?:-->|$)/g, spans);
  // Link and image targets: ](target) and reference definitions [id]: target
  if (text.includes('](')) collect(text, /\]\(([^)\s]*(?:\s+"[^"]*")?)\)/g, spans, 1);
  if (text.includes(']:')) collect(text, /^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(\S+.*)$/gm, spans, 1);
  // Autolinks and bare URLs.
  if (angle) collect(text, /<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*>/g, spans);
  collectLinks(text, spans);
  return spans;
}

/** Commands whose arguments are keys or paths, not prose. */
const LATEX_KEY_COMMANDS = 'cite|citep|citet|citeauthor|ref|eqref|autoref|cref|Cref|pageref|label|begin|end|includegraphics|input|include|bibliography|bibliographystyle|usepackage|documentclass|url|href|hyperref|newcommand|renewcommand|def|setlength|addbibresource';

function latexRegions(text: string): Span[] {
  const spans: Span[] = [];
  // Comments: % to the end of the line, unless escaped.
  collect(text, /(?<!\\)%.*$/gm, spans);
  // Display and inline math.
  collect(text, /\$\$[\s\S]*?\$\$|(?<!\\)\$(?:\\.|[^$\\])+\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)/g, spans);
  collect(text, /\\begin\{(equation|align|gather|multline|eqnarray|displaymath|math)(\*?)\}[\s\S]*?\\end\{\1\2\}/g, spans);
  // Commands whose arguments are keys: the command with its optional and braced arguments.
  collect(text, new RegExp(`\\\\(?:${LATEX_KEY_COMMANDS})\\*?(?:\\[[^\\]]*\\])*(?:\\{[^{}]*\\})*`, 'g'), spans);
  // Any other command name (its braced argument stays prose: \textbf{硼替佐米}).
  collect(text, /\\(?:[a-zA-Z@]+\*?|.)/g, spans);
  collectLinks(text, spans);
  return spans;
}
