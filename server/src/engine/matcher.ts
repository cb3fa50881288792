import type { Surface, TermMatch } from './types';
import { isLatinWordChar } from './text/characters';
import { buildMatchText, isBoundaryViolation, normaliseSurface, originalSpan, type MatchText, type MatchTextOptions } from './text/matchText';

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
  /**
   * The surface whose key ends at each node: its index + 1; 0 = none; -(k + 1) = several surfaces share the
   * key (case variants), listed in `shared[k]`.
   */
  private terminal = new Int32Array(1024);
  private nodes = 1; // node 0 is unused, so that 0 means "none"
  private readonly surfaces: readonly Surface[];
  /** Each surface's key with letter case kept (the folded key's exact counterpart). */
  private readonly exact: string[];
  private readonly shared: number[][] = [];
  readonly size: number;

  constructor(surfaces: readonly Surface[]) {
    this.surfaces = surfaces;
    this.exact = new Array<string>(surfaces.length);
    let count = 0;
    surfaces.forEach((surface, index) => {
      const key = surface.key !== undefined && surface.exactKey !== undefined ? { folded: surface.key, exact: surface.exactKey } : normaliseSurface(surface.text);
      this.exact[index] = key.exact;
      if (key.folded.length === 0) return;
      const first = key.folded.charCodeAt(0);
      let node = this.roots[first]!;
      if (node === 0) {
        node = this.newNode(first);
        this.roots[first] = node;
      }
      for (let i = 1; i < key.folded.length; i++) node = this.childOrNew(node, key.folded.charCodeAt(i));
      const existing = this.terminal[node]!;
      if (existing === 0) {
        this.terminal[node] = index + 1;
      } else if (existing > 0) {
        this.shared.push([existing - 1, index]);
        this.terminal[node] = -this.shared.length;
      } else {
        this.shared[-existing - 1]!.push(index);
      }
      count++;
    });
    this.size = count;
    // Give back the growth margin: a large dictionary's trie is kept for the whole session.
    this.firstChild = this.firstChild.slice(0, this.nodes);
    this.nextSibling = this.nextSibling.slice(0, this.nodes);
    this.code = this.code.slice(0, this.nodes);
    this.terminal = this.terminal.slice(0, this.nodes);
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
        const terminal = this.terminal[node]!;
        if (terminal !== 0) {
          const chosen = this.choose(terminal, exact, i, j + 1, folded);
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

  private choose(terminal: number, exact: Uint16Array, from: number, to: number, folded: Uint16Array): Surface | undefined {
    if (isBoundaryViolation(folded, from, to)) return undefined;
    if (terminal > 0) {
      const surface = this.surfaces[terminal - 1]!;
      return !surface.caseSensitive || sameUnits(exact, from, this.exact[terminal - 1]!) ? surface : undefined;
    }
    let fallback: Surface | undefined;
    for (const index of this.shared[-terminal - 1]!) {
      const surface = this.surfaces[index]!;
      if (sameUnits(exact, from, this.exact[index]!)) return surface;
      if (!surface.caseSensitive) fallback ??= surface;
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
