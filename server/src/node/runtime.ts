import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ignore from 'ignore';
import picomatch from 'picomatch';
import type { Runtime } from '../server';
import { writeAtomically } from './atomicWrite';
import { dictionaryCacheDirectory } from './dictionaryCache';
import { builtinTermsDirectory, conventionalTermFiles, isTermFile, readTermDirectory, readUserTermFile, resolveConfiguredPath, userTermDirectory } from './termFiles';

/** The Node implementation of the server's runtime: file access for dictionaries and workspace scans. */
export function nodeRuntime(bundleDirectory: string): Runtime {
  return {
    loadBuiltinFiles: () => readTermDirectory(builtinTermsDirectory(bundleDirectory), 'builtin', 'data/terms', dictionaryCacheDirectory()),
    termFilePaths({ folders, configured }) {
      const user = existsSync(userTermDirectory()) ? readdirSync(userTermDirectory()).filter(isTermFile).map((name) => ({ path: join(userTermDirectory(), name), layer: 'user' as const })) : [];
      const workspace = folders.flatMap((folder) => conventionalTermFiles(folder).map((path) => ({ path, layer: 'workspace' as const })));
      const extra = configured.flatMap((path) => (folders.length > 0 ? folders : [undefined]).map((folder) => ({ path: resolveConfiguredPath(path, folder), layer: (path.startsWith('~/') || path.startsWith('/') ? 'user' : 'workspace') as 'user' | 'workspace' })));
      const seen = new Set<string>();
      return [...user, ...workspace, ...extra].filter((file) => (seen.has(file.path) ? false : (seen.add(file.path), true)));
    },
    readTermFile: (path, layer, options) => readUserTermFile(path, layer, { ...options, cacheDirectory: dictionaryCacheDirectory() }),
    readText(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    writeText: (path, text) => writeAtomically(path, text),
    readBytes(path) {
      try {
        return readFileSync(path);
      } catch {
        return undefined;
      }
    },
    writeBytes: (path, bytes) => writeAtomically(path, bytes),
    exists: (path) => existsSync(path),
    uriToPath: (uri) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined),
    pathToUri: (path) => pathToFileURL(path).href,
    listWorkspaceFiles(folder, { extensions, exclude, limit }) {
      const matchesExclude = picomatch(exclude.length > 0 ? [...exclude] : ["\u0000"], { dot: true });
      const out: string[] = [];
      const walk = (directory: string, rules: ReturnType<typeof ignore>[]): void => {
        if (out.length >= limit) return;
        const gitignore = join(directory, '.gitignore');
        const scoped = existsSync(gitignore) ? [...rules, ignore().add(readFileSync(gitignore, 'utf8'))] : rules;
        let names: string[];
        try {
          names = readdirSync(directory);
        } catch {
          return;
        }
        for (const name of names.sort()) {
          if (name === '.git' || name === 'node_modules') continue;
          const path = join(directory, name);
          const fromRoot = relative(folder, path).split(sep).join('/');
          let isDirectory: boolean;
          try {
            isDirectory = statSync(path).isDirectory();
          } catch {
            continue;
          }
          const candidate = isDirectory ? `${fromRoot}/` : fromRoot;
          if (matchesExclude(fromRoot) || scoped.some((rule) => rule.ignores(candidate))) continue;
          if (isDirectory) walk(path, scoped);
          else if (extensions.some((extension) => name.toLowerCase().endsWith(extension))) out.push(path);
          if (out.length >= limit) return;
        }
      };
      walk(folder, []);
      return out;
    },
    dirname,
  };
}
