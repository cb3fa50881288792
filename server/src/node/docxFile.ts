import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { docx, type Edit } from '../engine';
import { writeFileSafely } from './safeWrite';

/**
 * The Node side of Word documents: read a .docx file (refusing a huge one before reading it) and write the
 * tracked-changes copy atomically. Everything else is in engine/docx.
 */

/** Read and parse a .docx file; throws docx.DocxError with a message for users. */
export function readDocxFile(path: string): docx.DocxDocument {
  const size = statSync(path).size;
  if (size > docx.DOCX_LIMITS.fileBytes)
    throw new docx.DocxError('docx.error.tooLarge', {
      size: docx.megabytes(size),
      limit: docx.DOCX_LIMITS.fileBytes / 1024 / 1024,
    });
  const bytes = new Uint8Array(size);
  const descriptor = openSync(path, 'r');
  try {
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, bytes, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
  } finally {
    closeSync(descriptor);
  }
  return docx.readDocx(bytes);
}

/** paper.docx → paper.medterm.docx (next to it), unless an output or in-place writing is asked for. */
export function fixedDocxPath(path: string, options: { output?: string; inPlace?: boolean }): string {
  if (options.output) return options.output;
  if (options.inPlace) return path;
  const extension = extname(path);
  return join(dirname(path), `${basename(path, extension)}.medterm${extension || '.docx'}`);
}

export interface DocxFixOutcome {
  /** The file written, or undefined when nothing could be written. */
  readonly path?: string;
  readonly applied: number;
  readonly skipped: number;
}

/** Write `edits` as tracked changes into a copy of the document (atomically: never half a file). */
export function writeFixedDocx(
  document: docx.DocxDocument,
  edits: readonly Edit[],
  target: string,
  now = new Date(),
): DocxFixOutcome {
  if (edits.length === 0) return { applied: 0, skipped: 0 };
  const result = docx.writeTrackedChanges(document, edits, { date: now.toISOString().replace(/\.\d{3}Z$/, 'Z') });
  if (!result.bytes) return { applied: 0, skipped: result.skipped.length };
  // Through the safe writer: with --in-place a linked, shared or read-only document is kept as it is.
  writeFileSafely(target, result.bytes);
  return { path: target, applied: result.applied.length, skipped: result.skipped.length };
}
