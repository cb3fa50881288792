/** Word documents (.docx): read into one text for the engine, and fixes written back as tracked changes. */
export { contextOf, locationMessage, paragraphAt, readDocx, type DocxDocument, type DocxLocation } from './document';
export { DocxError } from './errors';
export { minimalEdit, writeTrackedChanges } from './trackChanges';
export { DOCX_LIMITS, megabytes, openZip } from './zip';

/** The language id under which a Word document's text is analysed (paragraph barriers, links skipped). */
export const DOCX_LANGUAGE_ID = 'docx';
