import { analysisLanguageOf } from './engine';

/** Editors name languages differently: Neovim sends its filetype (text, tex), VS Code its language id. */
const LANGUAGE_ALIASES: Record<string, string> = {
  text: 'plaintext',
  txt: 'plaintext',
  tex: 'latex',
  plaintex: 'latex',
  'markdown.pandoc': 'markdown',
  pandoc: 'markdown',
  rmd: 'markdown',
  quarto: 'markdown',
};

/** The language the engine analyses a document as, from the editor's language id (or Neovim's filetype). */
export function canonicalLanguageId(languageId: string): string {
  return LANGUAGE_ALIASES[languageId] ?? analysisLanguageOf(languageId) ?? languageId;
}
