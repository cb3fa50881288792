import type { Surface, TermMatch } from './types';
import { isLatinWordChar } from './text/characters';
import { buildMatchText, isBoundaryViolation, normaliseSurface, originalSpan, type MatchText, type MatchTextOptions } from './text/matchText';

type Terminal = { readonly surface: Surface; readonly exact: string };

/**
 * Longest-match recogniser over every surface form of a dictionary. A trie over folded keys
 * (full-width folded, ASCII lower-cased, white space normalised); case-sensitive surfaces are checked
 * against the exact text, and a Latin letter or digit may not touch either end of a match.
 * Matching never segments words first: 达雷妥尤单抗 is one key, not six characters.
 *
 * The trie lives in typed arrays (first child / next sibling / character / terminal per node) with a
 * table for the first character: a dictionary of 100,000 rules is a few megabytes, not a `Map` per node.
 */
export class Matcher {
  /** Node of each first character (BMP); 0 = no key starts with it. */
  private readonly roots = new Int32Array(0x10000);
  private firstChild = new Int32Array(1024);
  private nextSibling = new Int32Array(1024);
  private code = new Uint16Array(1024);
  /** Index into `terminals` + 1; 0 = no key ends here. */
  private terminal = new Int32Array(1024);
  private nodes = 1; // node 0 is unused, so that 0 means "none"
  private readonly terminals: Terminal[][] = [];
  readonly size: number;

  constructor(surfaces: readonly Surface[]) {
    let count = 0;
    for (const surface of surfaces) {
      const key = surface.key !== undefined && surface.exactKey !== undefined ? { folded: surface.key, exact: surface.exactKey } : normaliseSurface(surface.text);
      if (key.folded.length === 0) continue;
      const first = key.folded.charCodeAt(0);
      let node = this.roots[first]!;
      if (node === 0) {
        node = this.newNode(first);
        this.roots[first] = node;
      }
      for (let i = 1; i < key.folded.length; i++) node = this.childOrNew(node, key.folded.charCodeAt(i));
      let index = this.terminal[node]!;
      if (index === 0) {
        this.terminals.push([]);
        index = this.terminals.length;
        this.terminal[node] = index;
      }
      this.terminals[index - 1]!.push({ surface, exact: key.exact });
      count++;
    }
    this.size = count;
  }

  private newNode(code: number): number {
    if (this.nodes === this.code.length) {
      const grow = <T extends Int32Array | Uint16Array>(array: T): T => {
        const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.firstChild = grow(this.firstChild);
      this.nextSibling = grow(this.nextSibling);
      this.code = grow(this.code);
      this.terminal = grow(this.terminal);
    }
    this.code[this.nodes] = code;
    return this.nodes++;
  }

  private child(node: number, code: number): number {
    for (let child = this.firstChild[node]!; child !== 0; child = this.nextSibling[child]!) if (this.code[child] === code) return child;
    return 0;
  }

  private childOrNew(node: number, code: number): number {
    const found = this.child(node, code);
    if (found !== 0) return found;
    const created = this.newNode(code);
    this.nextSibling[created] = this.firstChild[node]!;
    this.firstChild[node] = created;
    return created;
  }

  /** All non-overlapping leftmost-longest matches in `text`. */
  scan(text: string, options: MatchTextOptions = {}): TermMatch[] {
    return this.scanMatchText(text, buildMatchText(text, options));
  }

  scanMatchText(text: string, matchText: MatchText): TermMatch[] {
    const { folded, exact } = matchText;
    const matches: TermMatch[] = [];
    const n = folded.length;
    const roots = this.roots;
    let i = 0;
    while (i < n) {
      const first = folded[i]!;
      let node = roots[first]!;
      // A match may not start inside a Latin word (isBoundaryViolation would reject it): skip those.
      if (node === 0 || (i > 0 && isLatinWordChar(first) && isLatinWordChar(folded[i - 1]!))) {
        i++;
        continue;
      }
      let best: Surface | undefined;
      let bestEnd = 0;
      for (let j = i; ; ) {
        const index = this.terminal[node]!;
        if (index !== 0) {
          const chosen = this.choose(this.terminals[index - 1]!, exact, i, j + 1, folded);
          if (chosen) {
            best = chosen;
            bestEnd = j + 1;
          }
        }
        if (++j >= n) break;
        node = this.child(node, folded[j]!);
        if (node === 0) break;
      }
      if (best) {
        const span = originalSpan(matchText, i, bestEnd);
        matches.push({ span, text: text.slice(span.start, span.end), surface: best, conceptId: best.conceptId });
        i = bestEnd;
      } else {
        i++;
      }
    }
    return matches;
  }

  /** Among surfaces sharing one folded key, prefer an exact-case match, then a case-insensitive one. */
  private choose(terminals: readonly Terminal[], exact: Uint16Array, from: number, to: number, folded: Uint16Array): Surface | undefined {
    if (isBoundaryViolation(folded, from, to)) return undefined;
    let fallback: Surface | undefined;
    for (const terminal of terminals) {
      if (sameUnits(exact, from, terminal.exact)) return terminal.surface;
      if (!terminal.surface.caseSensitive) fallback ??= terminal.surface;
    }
    return fallback;
  }
}

/** Whether `units` holds `text` at `from`. */
function sameUnits(units: Uint16Array, from: number, text: string): boolean {
  if (from + text.length > units.length) return false;
  for (let k = 0; k < text.length; k++) if (units[from + k] !== text.charCodeAt(k)) return false;
  return true;
}
