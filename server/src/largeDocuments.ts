import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LargeDocuments, ServerHost } from './context';
import type { Settings } from './settings';
import {
  analyze,
  documentKind,
  formatMessage,
  hoverAt,
  isAbbreviationSurface,
  skippedRegions,
  type Analysis,
  type AnalysisOptions,
  type Dictionary,
  type Finding,
  type HoverResult,
  type Locale,
  type Span,
} from './engine';

/**
 * Very large documents (audit rows F4, F5): a 100 MB didOpen must not stop hover, completion or other
 * documents for the tens of seconds one analysis takes, nor hold gigabytes of matches.
 *
 * Above LARGE_DOCUMENT_CHARACTERS a document is analysed in *sections* of about SECTION_CHARACTERS, cut at a
 * blank line (else a line end) outside every skipped region (code, front matter), one section per turn of
 * the event loop, so requests are answered between sections. A newer version of the document (or its
 * closing) stops the run at the next section: stale analyses are never finished. Only findings are kept,
 * at most MAX_FINDINGS of them; the matches of a section are dropped once its findings are taken.
 *
 * What differs from the analysis of a smaller document, and why it is acceptable for such sizes:
 * - consistency within the document (inconsistent-term) is judged per section;
 * - an abbreviation is reported undefined at most once, at its first use in the first section using it;
 * - findings beyond MAX_FINDINGS are not published (a log line says how many there were);
 * - hover answers from the paragraph under the cursor (a local analysis), not from the whole document;
 *   code actions use the findings of the last complete run; the workspace consistency index skips the
 *   document.
 */

/** About 8 MB of Chinese text (UTF-16 units); the smaller documents keep the exact whole-document analysis. */
export const LARGE_DOCUMENT_CHARACTERS = 4 * 1024 * 1024;
/** A section: at most about 70 ms of CPU for the densest text (the sample paragraph repeated), GC included. */
export const SECTION_CHARACTERS = 64 * 1024;
export const MAX_FINDINGS = 20_000;
/** How far around the cursor hover looks for paragraph ends in a large document. */
const HOVER_WINDOW = 2000;

export function isLargeDocument(document: TextDocument): boolean {
  return document.getText().length > LARGE_DOCUMENT_CHARACTERS;
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftFinding(finding: Finding, delta: number): Finding {
  return {
    ...finding,
    span: shiftSpan(finding.span, delta),
    fixes: finding.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, span: shiftSpan(edit.span, delta) })),
    })),
    related: finding.related?.map((related) => ({ ...related, span: shiftSpan(related.span, delta) })),
  };
}

/**
 * Where the section starting at `start` ends: at a blank line (else a line end) at or after start + size,
 * outside every skipped region (code, math, comments) and not before a line that could open front matter.
 * Skipped regions are found in a window of the text from `start` (a cut is always outside every region, so
 * the window starts in prose): the whole 100 MB text is never scanned in one go.
 */
export function nextSectionEnd(
  text: string,
  start: number,
  kind: ReturnType<typeof documentKind>,
  size = SECTION_CHARACTERS,
): number {
  if (text.length - start <= size) return text.length;
  const windowEnd = Math.min(text.length, start + 4 * size);
  const skip = skippedRegions(text.slice(start, windowEnd), kind);
  const inSkipped = (at: number): boolean =>
    skip.some((region) => region.start + start < at && at < region.end + start);
  const fine = (cut: number): boolean =>
    !inSkipped(cut) && !text.startsWith('---', cut) && !text.startsWith('+++', cut);
  for (const separator of ['\n\n', '\n']) {
    let at = text.indexOf(separator, start + size);
    while (at >= 0 && at + separator.length < windowEnd && !fine(at + separator.length))
      at = text.indexOf(separator, at + 1);
    if (at >= 0 && at + separator.length < windowEnd) return at + separator.length;
  }
  // One line of more than 4 sections: cut at a character boundary (never inside a surrogate pair).
  let cut = start + size;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut++;
  return cut;
}

/** Every section end of a text (tests; the run finds them one at a time). */
export function sectionEnds(text: string, kind: ReturnType<typeof documentKind>, size = SECTION_CHARACTERS): number[] {
  const ends: number[] = [];
  for (let start = 0; start < text.length;) {
    start = nextSectionEnd(text, start, kind, size);
    ends.push(start);
  }
  return ends;
}

/**
 * Line start offsets as TextDocument computes them (after \r\n, \n or a lone \r), a chunk per event-loop turn:
 * the library computes them in one go on the first offsetAt/positionAt, about a second for 100 MB.
 */
export async function lineStarts(
  text: string,
  control: { stale: () => boolean; nextTurn: () => Promise<void> },
  chunk = 256 * 1024,
): Promise<number[] | undefined> {
  const starts = [0];
  for (let from = 0; from < text.length;) {
    const to = Math.min(text.length, from + chunk);
    let i = from;
    for (; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 || code === 10) {
        if (code === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    from = i;
    await control.nextTurn();
    if (control.stale()) return undefined;
  }
  return starts;
}

export interface SectionedRun {
  readonly analysis: Analysis;
  /** Findings found in all, of which at most MAX_FINDINGS are kept. */
  readonly total: number;
  readonly milliseconds: number;
}

/**
 * Analyse a large text a section per event-loop turn (`nextTurn()`: the runtime's setImmediate). `stale()` is
 * asked between sections: true stops the run (undefined is returned). `progress(done)` gets the share done (0–1).
 */
export async function analyzeInSections(
  text: string,
  dictionary: Dictionary,
  options: AnalysisOptions,
  control: { stale: () => boolean; nextTurn: () => Promise<void>; progress?: (done: number) => void },
): Promise<SectionedRun | undefined> {
  const started = Date.now();
  const kind = documentKind(options.languageId ?? 'plaintext');
  const findings: Finding[] = [];
  const abbreviationsSeen = new Set<string>();
  let total = 0;
  for (let start = 0; start < text.length;) {
    await control.nextTurn();
    if (control.stale()) return undefined;
    const end = nextSectionEnd(text, start, kind);
    const section = analyze(text.slice(start, end), dictionary, { ...options, previous: undefined });
    const seenBefore = new Set(abbreviationsSeen);
    for (const match of section.matches)
      if (isAbbreviationSurface(match.surface)) abbreviationsSeen.add(match.surface.text);
    for (const finding of section.findings) {
      // Reported once per document: at the first section using the abbreviation.
      if (
        finding.ruleId === 'undefined-abbreviation' &&
        seenBefore.has(section.text.slice(finding.span.start, finding.span.end))
      )
        continue;
      total++;
      if (findings.length < MAX_FINDINGS) findings.push(start === 0 ? finding : shiftFinding(finding, start));
    }
    start = end;
    control.progress?.(end / text.length);
  }
  return { analysis: { text, matches: [], regimenMentions: [], findings }, total, milliseconds: Date.now() - started };
}

/** Hover in a large document: the paragraph around the cursor is analysed on its own. */
export function hoverInLargeDocument(
  text: string,
  offset: number,
  dictionary: Dictionary,
  options: AnalysisOptions,
  locale: Locale,
): HoverResult | undefined {
  const from = Math.max(0, offset - HOVER_WINDOW);
  const to = Math.min(text.length, offset + HOVER_WINDOW);
  const before = text.lastIndexOf('\n\n', offset);
  const after = text.indexOf('\n\n', offset);
  const start = before >= from ? before + 2 : Math.max(from, text.lastIndexOf('\n', offset) + 1);
  const endAt =
    after >= 0 && after <= to
      ? after
      : (() => {
          const line = text.indexOf('\n', offset);
          return line >= 0 && line <= to ? line : to;
        })();
  const local = analyze(text.slice(start, endAt), dictionary, { ...options, previous: undefined });
  const result = hoverAt(local, dictionary, offset - start, locale);
  return result && { ...result, span: shiftSpan(result.span, start) };
}

/** The sectioned analyses of the open large documents: at most one run per document, the newest version wins. */
export class LargeDocumentAnalyses implements LargeDocuments {
  private readonly finished = new Map<
    string,
    { version: number; settings: Settings; dictionary: Dictionary; analysis: Analysis }
  >();
  private readonly running = new Map<
    string,
    { version: number; settings: Settings; dictionary: Dictionary; result: Promise<Analysis | undefined> }
  >();
  private readonly indexing = new Map<string, { version: number; done: Promise<void> }>();

  constructor(
    private readonly context: Pick<ServerHost, 'connection' | 'runtime' | 'documents' | 'locale'> & {
      dictionary(): Dictionary;
    },
    private readonly options: (document: TextDocument, settings: Settings) => AnalysisOptions,
  ) {}

  /** Lets requests in: the next turn of the host's event loop. */
  private readonly nextTurn = (): Promise<void> =>
    new Promise((resolve) => this.context.runtime.timer.setImmediate(resolve));

  /** The analysis of this version if its run is complete, else an empty one (no findings yet). */
  current(document: TextDocument, settings: Settings): Analysis {
    const done = this.finished.get(document.uri);
    if (
      done &&
      done.version === document.version &&
      done.settings === settings &&
      done.dictionary === this.context.dictionary()
    )
      return done.analysis;
    return { text: document.getText(), matches: [], regimenMentions: [], findings: [] };
  }

  /**
   * Make positions cheap before anything converts one: the line starts of this version are computed in
   * chunks between requests and handed to the document (TextDocument keeps them in `_lineOffsets`, and
   * updates them on incremental edits). Without that, the first hover, edit or diagnostic conversion would
   * compute them in one go (about a second for 100 MB). If the library ever stores them elsewhere, the
   * hand-over is skipped and the library computes them itself: slower, still correct.
   */
  lineIndex(document: TextDocument): Promise<void> {
    const { uri, version } = document;
    const existing = this.indexing.get(uri);
    if (existing && existing.version === version) return existing.done;
    const holder = document as unknown as { _lineOffsets?: number[] };
    if (!('_lineOffsets' in holder) || holder._lineOffsets !== undefined) return Promise.resolve();
    const stale = (): boolean => this.context.documents.get(uri)?.version !== version;
    const done = lineStarts(document.getText(), { stale, nextTurn: this.nextTurn }).then((starts) => {
      const current = this.context.documents.get(uri) as unknown as
        { version: number; _lineOffsets?: number[] } | undefined;
      if (starts && current && current.version === version && current._lineOffsets === undefined)
        current._lineOffsets = starts;
    });
    this.indexing.set(uri, { version, done });
    return done;
  }

  /** Run (or join the run of) this version's analysis; undefined when a newer version or a close made it stale. */
  run(document: TextDocument, settings: Settings): Promise<Analysis | undefined> {
    const { uri, version } = document;
    const dictionary = this.context.dictionary();
    const done = this.finished.get(uri);
    if (done && done.version === version && done.settings === settings && done.dictionary === dictionary)
      return Promise.resolve(done.analysis);
    const running = this.running.get(uri);
    if (running && running.version === version && running.settings === settings && running.dictionary === dictionary)
      return running.result;
    const stale = (): boolean =>
      this.context.documents.get(uri)?.version !== version ||
      this.context.dictionary() !== dictionary ||
      this.running.get(uri)?.result !== result;
    // Line starts first: requests on this document wait for them, not for the analysis.
    void this.lineIndex(document);
    const result: Promise<Analysis | undefined> = this.execute(document, settings, dictionary, stale).finally(() => {
      // Only this run's entry: a newer run (another dictionary, same version) keeps its own.
      if (this.running.get(uri)?.result === result) this.running.delete(uri);
    });
    this.running.set(uri, { version, settings, dictionary, result });
    return result;
  }

  private async execute(
    document: TextDocument,
    settings: Settings,
    dictionary: Dictionary,
    stale: () => boolean,
  ): Promise<Analysis | undefined> {
    const { connection } = this.context;
    const locale = this.context.locale(settings);
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    const name = document.uri.slice(document.uri.lastIndexOf('/') + 1);
    progress?.begin(
      'MedTerm',
      0,
      formatMessage({ id: 'server.largeDocumentProgress', params: { name } }, locale),
      false,
    );
    try {
      await this.lineIndex(document);
      if (stale()) return undefined;
      const run = await analyzeInSections(document.getText(), dictionary, this.options(document, settings), {
        stale,
        nextTurn: this.nextTurn,
        progress: (done) => progress?.report(Math.round(done * 100)),
      });
      if (!run) return undefined;
      this.finished.set(document.uri, { version: document.version, settings, dictionary, analysis: run.analysis });
      connection.console.info(
        `MedTerm: analysed ${name} (${document.getText().length} characters) in sections in ${run.milliseconds} ms: ${run.total} findings${run.total > MAX_FINDINGS ? `, the first ${MAX_FINDINGS} shown` : ''}`,
      );
      return run.analysis;
    } finally {
      progress?.done();
    }
  }

  forget(uri: string): void {
    this.indexing.delete(uri);
    this.finished.delete(uri);
    this.running.delete(uri);
  }

  clear(): void {
    this.finished.clear();
  }
}
