import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { extensionSpellings, fileKindOf } from '../engine';
import { projectFolderOf } from '../node/layers';
import { listProseFiles } from '../node/proseFiles';
import { UsageError } from './args';

export function languageOf(path: string, forced: string | undefined): string {
  if (forced) return forced;
  const analysis = fileKindOf(path)?.analysis;
  return analysis === undefined || analysis === 'docx' ? 'plaintext' : analysis;
}

/** Files named directly, folders searched for text files, and globs. */
export function expandInputs(inputs: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    if (existsSync(absolute) && statSync(absolute).isFile()) {
      files.add(absolute);
      continue;
    }
    // A folder is listed as the server lists a workspace (node/proseFiles.ts): .gitignore honoured (also the
    // project's, above the folder), regular files only, each once, node_modules and .git skipped (F8); its name is
    // never read as a glob (W5); every kind of file in the one list (engine/fileKinds), .docx included, but not
    // Word's lock files (~$paper.docx, while a document is open) nor MedTerm's own fixed copies.
    const isFolder = existsSync(absolute) && statSync(absolute).isDirectory();
    const extensions = extensionSpellings().map((extension) => `.${extension.toLowerCase()}`);
    const found = isFolder
      ? listProseFiles(absolute, {
          extensions,
          limit: Number.POSITIVE_INFINITY,
          gitignoreFrom: projectFolderOf(absolute),
        }).filter((file) => !/(^|[\\/])~\$[^\\/]*$/.test(file) && !file.toLowerCase().endsWith('.medterm.docx'))
      : globSync(input, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] }).filter(
          (file) => statSync(file, { throwIfNoEntry: false })?.isFile() === true,
        ); // never a FIFO or a device
    if (found.length === 0)
      throw new UsageError(
        isFolder
          ? `no files to check in "${input}" (${[...new Set(extensions)].join(' ')})`
          : `no files match "${input}"`,
      );
    for (const file of found) files.add(file);
  }
  return [...files].sort();
}
