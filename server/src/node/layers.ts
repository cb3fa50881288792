import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { LayerKind } from '../engine';

/**
 * Which term files make the dictionary, found once for the server and the CLI (audit row W1: what the editor
 * accepts, CI accepts too):
 *
 * - the user's folder: every YAML/JSON file in `$MEDTERM_HOME`, else `~/.medterm` (layer "user");
 * - a project's `.medterm/` folder (layer "workspace"): in the server, each workspace folder's; in the CLI,
 *   the project of each file: the nearest folder, from the file's folder upward (else from the working
 *   folder upward), that holds `.medterm/`, `.vscode/settings.json` or `.git`;
 * - `medterm.dictionaries`: from the editor's settings in the server; from the project's
 *   `.vscode/settings.json` in the CLI. Relative paths are relative to the project (workspace) folder.
 *
 * Nothing here throws for a missing or odd file system entry: `~/.medterm` being a file, a configured path
 * that does not exist are returned with a `problem`, which the callers report (and carry on).
 */

export interface TermFileLocation {
  readonly path: string;
  readonly layer: Exclude<LayerKind, 'builtin'>;
  /** Set when the path cannot be read as a term file; the caller reports it. */
  readonly problem?: TermFileProblem;
  /** Given by medterm.dictionaries (a missing one is reported; a missing conventional one is not). */
  readonly configured?: boolean;
}

export { termFileProblemMessage, type TermFileProblem } from '../termFileProblems';
import type { TermFileProblem } from '../termFileProblems';

export function isTermFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

/** The user-level folder: $MEDTERM_HOME, else ~/.medterm. */
export function userTermDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env['MEDTERM_HOME'] || join(homedir(), '.medterm');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Term files of a folder: regular files only (a FIFO named terms.yaml would block the synchronous read). */
function termFilesIn(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter(isTermFileName)
      .sort()
      .map((name) => join(directory, name))
      .filter(isRegularFile);
  } catch {
    return [];
  }
}

/** The user's term files; `~/.medterm` that is a file (not a folder) is one problem, not a crash. */
export function userTermFiles(env: NodeJS.ProcessEnv = process.env): TermFileLocation[] {
  const directory = userTermDirectory(env);
  if (!existsSync(directory)) return [];
  if (!isDirectory(directory)) return [{ path: directory, layer: 'user', problem: 'not-a-folder' }];
  return termFilesIn(directory).map((path) => ({ path, layer: 'user' }));
}

/** A project's term files by convention: every YAML or JSON file in its `.medterm` folder. */
export function projectTermFiles(folder: string, env: NodeJS.ProcessEnv = process.env): TermFileLocation[] {
  const directory = join(folder, '.medterm');
  // ~/.medterm is the user's folder, already read as such: not a project of the home folder.
  if (resolve(directory) === resolve(userTermDirectory(env)) || !isDirectory(directory)) return [];
  return termFilesIn(directory).map((path) => ({ path, layer: 'workspace' }));
}

/** Expand ~ and resolve a configured path against a workspace folder. */
export function resolveConfiguredPath(path: string, folder: string | undefined): string {
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  if (isAbsolute(path)) return path;
  return resolve(folder ?? process.cwd(), path);
}

/** medterm.dictionaries entries: absolute and ~ paths are the user's layer, relative ones the workspace's. */
export function configuredTermFiles(configured: readonly string[], folders: readonly string[]): TermFileLocation[] {
  return configured.flatMap((path) =>
    (folders.length > 0 ? folders : [undefined]).map((folder): TermFileLocation => {
      const absolute = resolveConfiguredPath(path, folder);
      const layer = path.startsWith('~/') || isAbsolute(path) ? 'user' : 'workspace';
      if (!existsSync(absolute)) return { path: absolute, layer, configured: true, problem: 'not-found' };
      return isRegularFile(absolute)
        ? { path: absolute, layer, configured: true }
        : { path: absolute, layer, configured: true, problem: 'not-a-file' };
    }),
  );
}

/** All term files of a set of workspace folders and configured paths, each once (the first layer wins). */
export function termFileLocations(request: {
  folders: readonly string[];
  configured: readonly string[];
  env?: NodeJS.ProcessEnv;
}): TermFileLocation[] {
  const env = request.env ?? process.env;
  const all = [
    ...userTermFiles(env),
    ...request.folders.flatMap((folder) => projectTermFiles(folder, env)),
    ...configuredTermFiles(request.configured, request.folders),
  ];
  const seen = new Set<string>();
  return all.filter((file) => (seen.has(file.path) ? false : (seen.add(file.path), true)));
}

/**
 * The project folder of a path, for the CLI: the nearest folder from `start` upward holding `.medterm/`,
 * `.vscode/settings.json` or `.git` (the user's own ~/.medterm does not make the home folder a project).
 */
export function projectFolderOf(start: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let folder = resolve(start);
  for (let depth = 0; depth < 256; depth++) {
    const medterm = join(folder, '.medterm');
    if (
      (isDirectory(medterm) && resolve(medterm) !== resolve(userTermDirectory(env))) ||
      existsSync(join(folder, '.vscode', 'settings.json')) ||
      existsSync(join(folder, '.git'))
    )
      return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
  return undefined;
}

/** Strip // and /* comments and trailing commas (VS Code's settings.json is JSON with comments). */
export function parseJsonWithComments(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else out += char;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** `medterm.dictionaries` from a project's `.vscode/settings.json`; none when absent or unreadable. */
export function projectConfiguredDictionaries(folder: string): string[] {
  const path = join(folder, '.vscode', 'settings.json');
  try {
    const settings = parseJsonWithComments(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
    const value =
      settings?.['medterm.dictionaries'] ??
      (settings?.['medterm'] as Record<string, unknown> | undefined)?.['dictionaries'];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The term files the CLI uses for one file (as the editor would, with the file's project open): the user's,
 * the project's .medterm/, and the project's medterm.dictionaries. The project is searched from the file's
 * folder upward, else from the working folder upward.
 */
export function termFileLocationsForFile(
  file: string,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { project: string | undefined; files: TermFileLocation[] } {
  const project = projectFolderOf(dirname(resolve(cwd, file)), env) ?? projectFolderOf(cwd, env);
  const folders = project ? [project] : [];
  return {
    project,
    files: termFileLocations({ folders, configured: project ? projectConfiguredDictionaries(project) : [], env }),
  };
}
