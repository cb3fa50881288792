/** Word documents (.docx): read into one text for the engine, and fixes written back as tracked changes. */
export {
  contextOf,
  locationMessage,
  paragraphAt,
  readDocx,
  type DocxDocument,
  type DocxLocation,
  type DocxParagraph,
  type DocxPartKind,
} from './document';
export { DOCX_MESSAGES, DocxError } from './errors';
export { decodeWithOffsets, type DocxSegment, type RunXml } from './extract';
export { minimalEdit, writeTrackedChanges, type TrackedChangeOptions, type TrackedChangeResult } from './trackChanges';
export { DOCX_LIMITS, crc32, megabytes, openZip, readEntry, rewriteZip, type ZipArchive, type ZipEntry } from './zip';

/** The language id under which a Word document's text is analysed (paragraph barriers, links skipped). */
export const DOCX_LANGUAGE_ID = 'docx';
