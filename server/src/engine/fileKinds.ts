/**
 * The one list of the files MedTerm checks: file extensions and editors' language ids, and how each is
 * read. The CLI (folders and --fix), the server's workspace scan and file watchers, the VS Code client's
 * document selector and package.json's activation events all derive from it (test/engine/fileKinds.test.ts
 * checks that package.json agrees).
 */

/** How a kind of file is analysed: the language id the engine's documentKind understands. */
export type AnalysisLanguage = 'markdown' | 'latex' | 'plaintext' | 'docx';

export interface FileKind {
  readonly analysis: AnalysisLanguage;
  /** Extensions, without the dot, as people write them (matched without regard to case). */
  readonly extensions: readonly string[];
  /**
   * Language ids editors give such documents (VS Code and its Quarto and R extensions; Neovim's filetypes
   * are aliases in the server). Empty for files no editor opens as text (.docx).
   */
  readonly languageIds: readonly string[];
}

export const FILE_KINDS: readonly FileKind[] = [
  { analysis: 'markdown', extensions: ['md', 'markdown'], languageIds: ['markdown'] },
  // Quarto (the Quarto extension's language id "quarto"): Markdown with executable chunks.
  { analysis: 'markdown', extensions: ['qmd'], languageIds: ['quarto'] },
  // R Markdown: "rmd" in the R extension (REditorSupport) and Positron.
  { analysis: 'markdown', extensions: ['Rmd', 'Rmarkdown'], languageIds: ['rmd'] },
  { analysis: 'latex', extensions: ['tex'], languageIds: ['latex'] },
  { analysis: 'plaintext', extensions: ['txt', 'text', 'rst'], languageIds: ['plaintext'] },
  { analysis: 'docx', extensions: ['docx'], languageIds: [] },
];

function extensionOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1).toLowerCase() : '';
}

/** The kind of a file by its extension, or undefined when MedTerm does not check such files. */
export function fileKindOf(path: string): FileKind | undefined {
  const extension = extensionOf(path);
  return FILE_KINDS.find((kind) => kind.extensions.some((candidate) => candidate.toLowerCase() === extension));
}

/** Extensions of the text files (every kind but .docx), lower-case, without the dot. */
export function textExtensions(): string[] {
  return FILE_KINDS.filter((kind) => kind.analysis !== 'docx').flatMap((kind) =>
    kind.extensions.map((extension) => extension.toLowerCase()),
  );
}

/** Every extension as written and lower-cased (case-sensitive globs: *.Rmd and *.rmd). */
export function extensionSpellings(kinds: readonly FileKind[] = FILE_KINDS): string[] {
  return [
    ...new Set(kinds.flatMap((kind) => kind.extensions.flatMap((extension) => [extension, extension.toLowerCase()]))),
  ];
}

/** A glob of the text files, e.g. for file watchers: **\/*.{md,markdown,…}. */
export function textFileGlob(): string {
  return `**/*.{${extensionSpellings(FILE_KINDS.filter((kind) => kind.analysis !== 'docx')).join(',')}}`;
}

/** The editor language ids whose documents are analysed as `analysis` (quarto and rmd as markdown). */
export function languageIdsFor(analysis: string): string[] {
  return FILE_KINDS.filter((kind) => kind.analysis === analysis).flatMap((kind) => kind.languageIds);
}

/** What an editor's language id is analysed as (quarto → markdown), or undefined when not in the list. */
export function analysisLanguageOf(languageId: string): AnalysisLanguage | undefined {
  return FILE_KINDS.find((kind) => kind.languageIds.includes(languageId))?.analysis;
}

/** package.json's onLanguage activation events. */
export function activationLanguageIds(): string[] {
  return FILE_KINDS.flatMap((kind) => kind.languageIds);
}
