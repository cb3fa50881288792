import type { Surface, TermMatch } from './types';
import { isLatinWordChar } from './text/characters';
import { exactUnits, isBoundaryViolation, originalSpan, type MatchText } from './text/matchText';

/**
 * The surfaces a matcher is built over, by index: their folded keys (the trie), case sensitivity and exact
 * keys (checked at a match), and the surface object (made only for a match). The dictionary supplies one
 * over concept objects and packed layers alike (dictionary/dictionary.ts).
 */
export interface SurfaceTable {
  readonly count: number;
  /** 1 where the surface matches case-sensitively. */
  readonly caseFlags: Uint8Array;
  /** The folded key's units: `[pool, start, length]` (pool: a string or UTF-16 units). */
  key(index: number): readonly [string | Uint16Array, number, number];
  /** Whether `units` holds the surface's exact key at `from`. */
  exactAt(index: number, units: Uint16Array, from: number): boolean;
  surface(index: number): Surface;
  /** Surfaces that already exist as objects, by index (a hole where `surface` must make one). */
  readonly direct?: readonly (Surface | undefined)[];
}

/** Of surfaces that share a folded key (indexes, in order), the ones to keep (a subset, in order). */
export type SharedKeyResolver = (group: readonly number[]) => readonly number[];

/**
 * Longest-match recogniser over every surface form of a dictionary. A trie over folded keys
 * (full-width folded, ASCII lower-cased, white space normalised); case-sensitive surfaces are checked
 * against the exact text, and a Latin letter or digit may not touch either end of a match.
 * Matching never segments words first: 达雷妥尤单抗 is one key, not six characters.
 *
 * The trie lives in typed arrays (first child / next sibling / character / terminal per node, sized once)
 * with a table for the first character: a dictionary of 100,000 rules is a few megabytes, not a `Map` per node.
 */
export class Matcher {
  /** Node of each first character (BMP); 0 = no key starts with it. */
  private readonly roots = new Int32Array(0x10000);
  /**
   * One bit per first character: most characters of a text start no key, and this 8 KB table answers that
   * from the processor's nearest cache, where `roots` (256 KB) would not.
   */
  private readonly rootBits = new Uint8Array(0x2000);
  private firstChild: Int32Array;
  private nextSibling: Int32Array;
  private code: Uint16Array;
  /**
   * The surface whose key ends at each node: its index + 1; 0 = none; -(k + 1) = several surfaces share the
   * key (case variants, or forms of different concepts the resolver kept), listed in `shared[k]`.
   */
  private terminal: Int32Array;
  private nodes = 1; // node 0 is unused, so that 0 means "none"
  private readonly table: SurfaceTable;
  private readonly caseFlags: Uint8Array;
  private readonly direct: readonly (Surface | undefined)[];
  private readonly shared: number[][] = [];
  private readonly sharedNode: number[] = [];
  /** 1 for surfaces in the trie (a non-empty key, not dropped by the resolver). */
  private readonly inserted: Uint8Array;
  private scratch = new Uint16Array(64);
  /** 1 for every UTF-16 unit that occurs in some key: a match never contains any other unit. */
  private readonly keyUnits = new Uint8Array(0x10000);

  /**
   * `resolve`: given each group of surfaces that share a folded key (in index order), the ones to keep under
   * that key (a subset, in order); the others never match. Without it every surface is kept.
   */
  constructor(table: SurfaceTable, resolve?: SharedKeyResolver) {
    this.table = table;
    this.caseFlags = table.caseFlags;
    this.direct = table.direct ?? [];
    this.inserted = new Uint8Array(table.count);
    // Sized once for the worst case (no shared prefixes): growing by doubling and trimming afterwards freed
    // large buffers that the C allocator then kept as resident memory (tens of megabytes at 100,000 rules).
    let bound = 1;
    for (let index = 0; index < table.count; index++) bound += table.key(index)[2];
    this.firstChild = new Int32Array(bound);
    this.nextSibling = new Int32Array(bound);
    this.code = new Uint16Array(bound);
    this.terminal = new Int32Array(bound);
    for (let index = 0; index < table.count; index++) {
      const [pool, start, length] = table.key(index);
      if (length === 0) continue;
      let node: number;
      if (typeof pool === 'string') {
        node = this.rootOrNew(pool.charCodeAt(start));
        for (let i = 1; i < length; i++) node = this.childOrNew(node, pool.charCodeAt(start + i));
      } else {
        node = this.rootOrNew(pool[start]!);
        for (let i = 1; i < length; i++) node = this.childOrNew(node, pool[start + i]!);
      }
      const existing = this.terminal[node]!;
      if (existing === 0) {
        this.terminal[node] = index + 1;
      } else if (existing > 0) {
        this.shared.push([existing - 1, index]);
        this.sharedNode.push(node);
        this.terminal[node] = -this.shared.length;
      } else {
        this.shared[-existing - 1]!.push(index);
      }
      this.inserted[index] = 1;
    }
    if (resolve) {
      this.shared.forEach((group, k) => {
        const kept = resolve(group);
        if (kept.length !== group.length) this.retain(k, kept);
      });
    }
  }

  private rootOrNew(code: number): number {
    this.keyUnits[code] = 1;
    let node = this.roots[code]!;
    if (node === 0) {
      node = this.newNode(code);
      this.roots[code] = node;
      this.rootBits[code >> 3] = this.rootBits[code >> 3]! | (1 << (code & 7));
    }
    return node;
  }

  /** Whether the folded UTF-16 unit occurs in no key (so no match contains it). */
  inNoKey(unit: number): boolean {
    return this.keyUnits[unit] === 0;
  }

  /** Whether the surface at `index` can match (it is in the trie). */
  holds(index: number): boolean {
    return this.inserted[index] === 1;
  }

  /** Keep only `kept` (a subset of group `group`, in order) under that key; the others no longer match. */
  private retain(group: number, kept: readonly number[]): void {
    const before = this.shared[group]!;
    for (const index of before) if (!kept.includes(index)) this.inserted[index] = 0;
    const node = this.sharedNode[group]!;
    if (kept.length === 0) this.terminal[node] = 0;
    else if (kept.length === 1) this.terminal[node] = kept[0]! + 1;
    else this.shared[group] = [...kept];
  }

  private newNode(code: number): number {
    this.code[this.nodes] = code;
    return this.nodes++;
  }

  private child(node: number, code: number): number {
    for (let child = this.firstChild[node]!; child !== 0; child = this.nextSibling[child]!)
      if (this.code[child] === code) return child;
    return 0;
  }

  private childOrNew(node: number, code: number): number {
    this.keyUnits[code] = 1;
    const found = this.child(node, code);
    if (found !== 0) return found;
    const created = this.newNode(code);
    this.nextSibling[created] = this.firstChild[node]!;
    this.firstChild[node] = created;
    return created;
  }

  scanMatchText(text: string, matchText: MatchText): TermMatch[] {
    const { folded } = matchText;
    const matches: TermMatch[] = [];
    const n = folded.length;
    const roots = this.roots;
    const rootBits = this.rootBits;
    let i = 0;
    while (i < n) {
      const first = folded[i]!;
      // A match may not start inside a Latin word (isBoundaryViolation would reject it): skip those.
      if (
        (rootBits[first >> 3]! & (1 << (first & 7))) === 0 ||
        (i > 0 && isLatinWordChar(first) && isLatinWordChar(folded[i - 1]!))
      ) {
        i++;
        continue;
      }
      let node = roots[first]!;
      let best: Surface | undefined;
      let bestEnd = 0;
      for (let j = i; ;) {
        const terminal = this.terminal[node]!;
        if (terminal !== 0) {
          const chosen = this.choose(terminal, matchText, i, j + 1, folded);
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

  private choose(
    terminal: number,
    matchText: MatchText,
    from: number,
    to: number,
    folded: Uint16Array,
  ): Surface | undefined {
    if (isBoundaryViolation(folded, from, to)) return undefined;
    if (terminal > 0) {
      const index = terminal - 1;
      return this.caseFlags[index] === 0 || this.table.exactAt(index, this.exact(matchText, from, to), 0)
        ? this.surfaceAt(index)
        : undefined;
    }
    let fallback = -1;
    for (const index of this.shared[-terminal - 1]!) {
      if (this.table.exactAt(index, this.exact(matchText, from, to), 0)) return this.surfaceAt(index);
      if (this.caseFlags[index] === 0 && fallback < 0) fallback = index;
    }
    return fallback < 0 ? undefined : this.surfaceAt(fallback);
  }

  /** The exact units of a candidate, made only when a case-sensitive surface is to be checked (rare). */
  private exact(matchText: MatchText, from: number, to: number): Uint16Array {
    if (this.scratch.length < to - from) this.scratch = new Uint16Array(2 * (to - from));
    return exactUnits(matchText, from, to, this.scratch);
  }

  private surfaceAt(index: number): Surface {
    return this.direct[index] ?? this.table.surface(index);
  }
}

/** Whether `units` holds `text` at `from`. */
export function sameUnits(units: Uint16Array, from: number, text: string): boolean {
  if (from + text.length > units.length) return false;
  for (let k = 0; k < text.length; k++) if (units[from + k] !== text.charCodeAt(k)) return false;
  return true;
}
