import type { Surface, TermMatch } from './types';
import { buildMatchText, isBoundaryViolation, normaliseSurface, originalSpan, type MatchText, type MatchTextOptions } from './text/matchText';

interface TrieNode {
  children: Map<number, TrieNode> | undefined;
  /** Surfaces whose folded key ends here, with their exact (case-kept) key. */
  terminals: { surface: Surface; exact: string }[] | undefined;
}

function newNode(): TrieNode {
  return { children: undefined, terminals: undefined };
}

/**
 * Longest-match recogniser over every surface form of a dictionary. A trie over folded keys
 * (full-width folded, ASCII lower-cased, white space normalised); case-sensitive surfaces are checked
 * against the exact text, and a Latin letter or digit may not touch either end of a match.
 * Matching never segments words first: 达雷妥尤单抗 is one key, not six characters.
 */
export class Matcher {
  private readonly root: TrieNode = newNode();
  /** First characters of any key (BMP): most characters of a text start no term and are skipped at once. */
  private readonly starts = new Uint8Array(0x10000);
  readonly size: number;

  constructor(surfaces: readonly Surface[]) {
    let count = 0;
    for (const surface of surfaces) {
      const key = surface.key !== undefined && surface.exactKey !== undefined ? { folded: surface.key, exact: surface.exactKey } : normaliseSurface(surface.text);
      if (key.folded.length === 0) continue;
      let node = this.root;
      this.starts[key.folded.charCodeAt(0)] = 1;
      for (let i = 0; i < key.folded.length; i++) {
        const code = key.folded.charCodeAt(i);
        node.children ??= new Map();
        let child = node.children.get(code);
        if (!child) {
          child = newNode();
          node.children.set(code, child);
        }
        node = child;
      }
      (node.terminals ??= []).push({ surface, exact: key.exact });
      count++;
    }
    this.size = count;
  }

  /** All non-overlapping leftmost-longest matches in `text`. */
  scan(text: string, options: MatchTextOptions = {}): TermMatch[] {
    return this.scanMatchText(text, buildMatchText(text, options));
  }

  scanMatchText(text: string, matchText: MatchText): TermMatch[] {
    const { folded, exact } = matchText;
    const matches: TermMatch[] = [];
    const n = folded.length;
    let i = 0;
    const starts = this.starts;
    while (i < n) {
      if (starts[folded.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = this.root;
      let best: { surface: Surface; end: number } | undefined;
      for (let j = i; j < n && node; j++) {
        node = node.children?.get(folded.charCodeAt(j));
        if (!node) break;
        if (node.terminals) {
          const chosen = this.choose(node.terminals, exact, i, j + 1, folded);
          if (chosen) best = { surface: chosen, end: j + 1 };
        }
      }
      if (best) {
        const span = originalSpan(matchText, i, best.end);
        matches.push({ span, text: text.slice(span.start, span.end), surface: best.surface, conceptId: best.surface.conceptId });
        i = best.end;
      } else {
        i++;
      }
    }
    return matches;
  }

  /** Among surfaces sharing one folded key, prefer an exact-case match, then a case-insensitive one. */
  private choose(terminals: { surface: Surface; exact: string }[], exact: string, from: number, to: number, folded: string): Surface | undefined {
    if (isBoundaryViolation(folded, from, to)) return undefined;
    let fallback: Surface | undefined;
    for (const terminal of terminals) {
      const sameCase = exact.startsWith(terminal.exact, from);
      if (sameCase) return terminal.surface;
      if (!terminal.surface.caseSensitive) fallback ??= terminal.surface;
    }
    return fallback;
  }
}
