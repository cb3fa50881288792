import { constants, existsSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { BUILT_IN_GB18030, decodeWith } from './textDecoding';

/**
 * Finding and reading the prose files of a folder, shared by the server's workspace scan and the CLI's
 * folder arguments, so that both check the same files (audit rows C1, W13, F4, F8).
 *
 * - Only regular files are listed and read: FIFOs, sockets and devices (and symlinks to them) are skipped,
 *   found with stat (which never opens a file); the read itself opens with O_NONBLOCK and checks again, so a
 *   file replaced by a FIFO in between cannot block either.
 * - A symlinked folder is followed once: folders are known by device and inode, so a symlink loop
 *   (`sub/up -> ..`) or two links to one folder list its files once. A file reached by two names counts once.
 * - `.gitignore` files are honoured at every level (as git does: the rules of a folder apply below it),
 *   `.git` and `node_modules` are never entered, and `exclude` globs (files.exclude) are relative to the root.
 * - Extensions compare case-insensitively (`A.MD` is Markdown).
 */

/** Files larger than this are not read by the background scan (a 100 MB export is not a manuscript chapter). */
export const MAX_SCANNED_FILE_BYTES = 2 * 1024 * 1024;

export interface ListOptions {
  readonly extensions: readonly string[];
  readonly exclude?: readonly string[];
  /** At most this many files. */
  readonly limit: number;
  /** A folder above `root` (the project's) whose .gitignore files, down to root, apply too (`medterm lint docs` in a repository). */
  readonly gitignoreFrom?: string;
}

function gitignoreRules(directory: string): Ignore | undefined {
  const gitignore = join(directory, '.gitignore');
  try {
    if (existsSync(gitignore) && statSync(gitignore).isFile()) return ignore().add(readFileSync(gitignore, 'utf8'));
  } catch {
    // unreadable .gitignore: its rules are not applied
  }
  return undefined;
}

/** A stable identity of a file or folder: the same for every name (symlink, hard link) that reaches it. */
function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/**
 * The prose files under `root`, sorted by folder then name. A generator, so that a caller can pause between
 * entries (the server yields to requests). Never throws for an unreadable folder or a dangling link: skipped.
 */
export function* proseFiles(root: string, options: ListOptions): Generator<string, void, undefined> {
  const extensions = options.extensions.map((extension) => extension.toLowerCase());
  const matchesExclude =
    options.exclude && options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const seenFolders = new Set<string>();
  const seenFiles = new Set<string>();
  let count = 0;
  try {
    seenFolders.add(identity(statSync(root)));
  } catch {
    return;
  }
  // Each .gitignore's patterns are relative to its own folder.
  const inherited: { base: string; rule: Ignore }[] = [];
  if (options.gitignoreFrom !== undefined) {
    const steps = relative(options.gitignoreFrom, root).split(sep).filter(Boolean);
    if (!steps.includes('..') && !isAbsolute(relative(options.gitignoreFrom, root))) {
      let folder = options.gitignoreFrom;
      for (const step of ['', ...steps.slice(0, -1)]) {
        folder = step ? join(folder, step) : folder;
        if (folder === root) break;
        const rule = gitignoreRules(folder);
        if (rule) inherited.push({ base: folder, rule });
      }
    }
  }
  // A folder given by name that the project ignores (`medterm lint build`) is what the user asked for: the rules
  // above it do not apply then, its own .gitignore files still do.
  const rootIgnored = inherited.some(({ base, rule }) => rule.ignores(`${relative(base, root).split(sep).join('/')}/`));
  const stack: { directory: string; rules: readonly { base: string; rule: Ignore }[] }[] = [
    { directory: root, rules: rootIgnored ? [] : inherited },
  ];
  while (stack.length > 0) {
    const { directory, rules: above } = stack.pop()!;
    const own = gitignoreRules(directory);
    const rules = own ? [...above, { base: directory, rule: own }] : above;
    let names: string[];
    try {
      names = readdirSync(directory).sort();
    } catch {
      continue;
    }
    const folders: string[] = [];
    for (const name of names) {
      if (name === '.git' || name === 'node_modules') continue;
      const path = join(directory, name);
      let stats: Stats;
      try {
        stats = statSync(path); // follows symlinks; a FIFO or a device is reported as such, not opened
      } catch {
        continue; // dangling link, loop of links, no permission
      }
      const isDirectory = stats.isDirectory();
      if (!isDirectory && !stats.isFile()) continue;
      const fromRoot = relative(root, path).split(sep).join('/');
      const ignored = rules.some(({ base, rule }) => {
        const fromBase = relative(base, path).split(sep).join('/');
        return rule.ignores(isDirectory ? `${fromBase}/` : fromBase);
      });
      if (ignored || matchesExclude(fromRoot)) continue;
      if (isDirectory) {
        if (seenFolders.has(identity(stats))) continue;
        seenFolders.add(identity(stats));
        folders.push(path);
      } else if (extensions.some((extension) => name.toLowerCase().endsWith(extension))) {
        if (seenFiles.has(identity(stats))) continue;
        seenFiles.add(identity(stats));
        yield path;
        if (++count >= options.limit) return;
      }
    }
    // Depth first, in name order: push in reverse so the first folder is visited first.
    for (const folder of folders.reverse()) stack.push({ directory: folder, rules });
  }
}

/** All of proseFiles at once (the CLI). */
export function listProseFiles(root: string, options: ListOptions): string[] {
  return [...proseFiles(root, options)];
}

export type ReadResult =
  | { readonly text: string }
  | {
      readonly skipped:
        'not a regular file' | 'too large' | 'unreadable' | 'binary' | 'invalid-utf-8' | 'unknown-encoding';
      readonly size?: number;
    };

/**
 * Read a prose file for the background scan without ever blocking: opened non-blocking (a FIFO then does
 * not wait for a writer), checked to be a regular file of at most `maxBytes`, read asynchronously.
 */
export async function readProseFile(path: string, maxBytes = MAX_SCANNED_FILE_BYTES): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return { skipped: 'unreadable' };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { skipped: 'not a regular file' };
    if (stats.size > maxBytes) return { skipped: 'too large', size: stats.size };
    const buffer = Buffer.alloc(stats.size);
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    // Decoded as the CLI decodes a file (a byte order mark, UTF-8, UTF-16 or GB18030, with Node's own GB18030 decoder:
    // nothing is written back here): a GBK manuscript is indexed as its characters, not as U+FFFD; bytes with no
    // faithful reading are skipped with the reason.
    const decoded = decodeWith(buffer.subarray(0, done), BUILT_IN_GB18030);
    return 'text' in decoded ? { text: decoded.text } : { skipped: decoded.problem };
  } catch {
    return { skipped: 'unreadable' };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
