import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { constants as osConstants } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * Writing a user's file (a manuscript fixed by `--fix`, the workspace term file) without changing what the
 * file is: a symbolic link stays a link (its target is written), a hard link keeps its inode, mode bits
 * (setuid, setgid, sticky too), owner and group stay; a file without write permission is refused, not made
 * writable; an edit saved since the file was read is noticed before anything is replaced; the temporary
 * file is removed on an error, Ctrl-C or SIGTERM. The normal route is a temporary file in the same folder,
 * renamed over the file (a crash leaves the old or the new file, never half of one). When that route would
 * change the file (a hard link, an owner the user cannot give back) or cannot be taken (a folder where no
 * temporary file can be made, a sticky folder), the file is written in place, after the same checks.
 */

/** What the file was when it was read; the writer refuses to replace anything else. */
export interface ExpectedFile {
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly dev: number;
}

export type SafeWriteProblem = 'changed' | 'read-only' | 'not-permitted' | 'no-space' | 'not-a-file' | 'failed';

/** A write that did not happen (the file is as it was). `path` is the user's path, as given. */
export class SafeWriteError extends Error {
  constructor(
    readonly problem: SafeWriteProblem,
    readonly path: string,
    readonly reason?: NodeJS.ErrnoException,
  ) {
    super(`${path}: ${problem}${reason ? ` (${reason.code ?? reason.message})` : ''}`);
  }
}

export interface SafeWriteResult {
  /** The file actually written (the target of a symbolic link). */
  readonly target: string;
  readonly method: 'replaced' | 'in-place' | 'created';
}

// Temporary files that exist right now, removed if a signal ends the process.
const temporaries = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let listening = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const temporary of temporaries) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
  }
  temporaries.clear();
  process.exit(128 + (osConstants.signals[signal] ?? 1));
}

/**
 * While a temporary file exists, SIGINT, SIGTERM and SIGHUP are caught (Node runs the handler once the
 * current synchronous work is done, so the write finishes or is undone first) and the process then exits
 * as the signal would have made it.
 */
function holdSignals(): void {
  if (listening) return;
  listening = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

/**
 * Let a signal that arrived during a write be handled (it exits), then give signals their default action
 * back. Callers that write several files yield here between them, so Ctrl-C stops the run at once.
 */
export async function settleSignals(): Promise<void> {
  if (!listening) return; // nothing was written through a temporary file since the last call
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (listening && temporaries.size === 0) {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    listening = false;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function problemOf(error: unknown): SafeWriteProblem {
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'no-space';
  if (code === 'EACCES' || code === 'EPERM') return 'not-permitted';
  if (code === 'EROFS') return 'read-only';
  return 'failed';
}

function unchanged(target: string, expected: ExpectedFile | undefined): boolean {
  if (!expected) return true;
  const now = statSync(target);
  if (
    now.size !== expected.size ||
    now.mtimeMs !== expected.mtimeMs ||
    now.ino !== expected.ino ||
    now.dev !== expected.dev
  )
    return false;
  return Buffer.from(readFileSync(target)).equals(Buffer.from(expected.bytes));
}

function writeAll(descriptor: number, content: Uint8Array): void {
  let written = 0;
  while (written < content.length)
    written += writeSync(descriptor, content, written, content.length - written, written);
}

/** Through a temporary file and a rename; undefined when this route cannot keep the file as it is. */
function replace(
  path: string,
  target: string,
  stat: Stats,
  content: Uint8Array,
  expected: ExpectedFile | undefined,
): SafeWriteResult | undefined {
  const temporary = join(dirname(target), `.${basename(target)}.medterm-${process.pid}.tmp`);
  let descriptor: number;
  holdSignals();
  try {
    // Private until it holds the whole content and the file's own mode.
    descriptor = openSync(temporary, 'wx', 0o600);
  } catch (error) {
    if (problemOf(error) === 'no-space') throw new SafeWriteError('no-space', path, error as NodeJS.ErrnoException);
    return undefined; // the folder cannot hold a temporary file: write in place
  }
  temporaries.add(temporary);
  const discard = (): void => {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing to remove
    }
    temporaries.delete(temporary);
  };
  try {
    let keepsOwner = true;
    try {
      writeAll(descriptor, content);
      const made = fstatSync(descriptor);
      if (made.uid !== stat.uid || made.gid !== stat.gid) {
        try {
          fchownSync(descriptor, stat.uid, stat.gid);
        } catch {
          keepsOwner = false;
        }
      }
      // After fchown, which clears setuid/setgid.
      fchmodSync(descriptor, stat.mode & 0o7777);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    if (!keepsOwner) {
      discard();
      return undefined;
    }
    if (!unchanged(target, expected)) {
      discard();
      throw new SafeWriteError('changed', path);
    }
    try {
      renameSync(temporary, target);
    } catch (error) {
      discard();
      if (errorCode(error) === 'EPERM' || errorCode(error) === 'EACCES') return undefined; // a sticky folder: in place
      throw error;
    }
    temporaries.delete(temporary);
    return { target, method: 'replaced' };
  } catch (error) {
    discard();
    if (error instanceof SafeWriteError) throw error;
    throw new SafeWriteError(problemOf(error), path, error as NodeJS.ErrnoException);
  }
}

/** In place: same inode, links, mode and owner. On a failure the old bytes are written back. */
function inPlace(
  path: string,
  target: string,
  content: Uint8Array,
  expected: ExpectedFile | undefined,
): SafeWriteResult {
  if (!unchanged(target, expected)) throw new SafeWriteError('changed', path);
  const previous = expected?.bytes ?? readFileSync(target);
  let descriptor: number;
  try {
    descriptor = openSync(target, 'r+');
  } catch (error) {
    throw new SafeWriteError(problemOf(error), path, error as NodeJS.ErrnoException);
  }
  try {
    writeAll(descriptor, content);
    ftruncateSync(descriptor, content.length);
    fsyncSync(descriptor);
  } catch (error) {
    try {
      writeAll(descriptor, previous);
      ftruncateSync(descriptor, previous.length);
    } catch {
      // the disk refuses even the old length; the error below names the file
    }
    throw new SafeWriteError(problemOf(error), path, error as NodeJS.ErrnoException);
  } finally {
    closeSync(descriptor);
  }
  return { target, method: 'in-place' };
}

/**
 * Write `content` to the user's file at `path`, keeping what the file is (see the module comment). With
 * `expected`, the file must still be what was read, else `SafeWriteError('changed')` and nothing is written.
 * A file that does not exist yet is created (folders too), atomically.
 */
export function writeFileSafely(
  path: string,
  content: string | Uint8Array,
  options: { expected?: ExpectedFile } = {},
): SafeWriteResult {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let target: string;
  try {
    target = realpathSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw new SafeWriteError(problemOf(error), path, error as NodeJS.ErrnoException);
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      // no such file
    }
    try {
      if (link) {
        // A link to a file not made yet: create it through the link, which stays.
        writeFileSync(path, bytes);
        return { target: path, method: 'created' };
      }
      mkdirSync(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${basename(path)}.medterm-${process.pid}.tmp`);
      holdSignals();
      temporaries.add(temporary);
      try {
        writeFileSync(temporary, bytes, { flag: 'wx' });
        renameSync(temporary, path);
      } finally {
        try {
          unlinkSync(temporary);
        } catch {
          // renamed
        }
        temporaries.delete(temporary);
      }
      return { target: path, method: 'created' };
    } catch (failure) {
      throw new SafeWriteError(problemOf(failure), path, failure as NodeJS.ErrnoException);
    }
  }
  const stat = statSync(target);
  if (!stat.isFile()) throw new SafeWriteError('not-a-file', path);
  // No write bit at all: read-only on purpose (root could write it, but an editor would ask first).
  if ((stat.mode & 0o222) === 0) throw new SafeWriteError('read-only', path);
  try {
    accessSync(target, constants.W_OK);
  } catch (error) {
    throw new SafeWriteError(
      errorCode(error) === 'EROFS' ? 'read-only' : 'not-permitted',
      path,
      error as NodeJS.ErrnoException,
    );
  }
  if (!unchanged(target, options.expected)) throw new SafeWriteError('changed', path);
  if (stat.nlink <= 1) {
    const replaced = replace(path, target, stat, bytes, options.expected);
    if (replaced) return replaced;
  }
  return inPlace(path, target, bytes, options.expected);
}
