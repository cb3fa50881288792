import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Runtime } from '../context';
import { proseFiles, readProseFile } from './proseFiles';
import { dictionaryCacheDirectory } from './cacheDirectory';
import { cacheProblemMessage, cacheProblems } from './dictionaryCache';
import { termFileLocations } from './layers';
import { settleSignals, writeFileSafely } from './safeWrite';
import { builtinTermsDirectory, readTermDirectory, readUserTermFile } from './termFiles';

/** The Node implementation of the server's runtime: file access for dictionaries and workspace scans. */
export function nodeRuntime(bundleDirectory: string): Runtime {
  return {
    loadBuiltinFiles() {
      const files = readTermDirectory(
        builtinTermsDirectory(bundleDirectory),
        'builtin',
        'data/terms',
        dictionaryCacheDirectory(),
      );
      // The client shows stderr in its output channel.
      for (const directory of cacheProblems())
        process.stderr.write(`MedTerm: ${cacheProblemMessage(directory, true)}\n`);
      return files;
    },
    termFilePaths: ({ folders, configured }) => termFileLocations({ folders, configured }),
    readTermFile: (path, layer, options) =>
      readUserTermFile(path, layer, { ...options, cacheDirectory: dictionaryCacheDirectory() }),
    readText(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    writeText(path, text) {
      // The workspace term file may be a link to a shared team file, or group-writable: kept as it is.
      writeFileSafely(path, text);
      void settleSignals();
    },
    readBytes(path) {
      try {
        return readFileSync(path);
      } catch {
        return undefined;
      }
    },
    writeBytes(path, bytes) {
      writeFileSafely(path, bytes);
      void settleSignals();
    },
    exists: (path) => existsSync(path),
    uriToPath: (uri) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined),
    pathToUri: (path) => pathToFileURL(path).href,
    listWorkspaceFiles: (folder, options) => proseFiles(folder, options),
    readProseFile: (path) => readProseFile(path),
    dirname,
    basename: (path) => basename(path),
    joinPath: (folder, ...segments) => join(folder, ...segments),
    isAbsolute: (path) => isAbsolute(path),
    isInside(path, folder) {
      const inner = relative(folder, path);
      return inner === '' || (inner !== '..' && !inner.startsWith(`..${sep}`) && !isAbsolute(inner));
    },
    timer: {
      setTimeout(callback, milliseconds) {
        const handle = setTimeout(callback, milliseconds);
        return { dispose: () => clearTimeout(handle) };
      },
      setImmediate(callback) {
        const handle = setImmediate(callback);
        return { dispose: () => clearImmediate(handle) };
      },
    },
  };
}
