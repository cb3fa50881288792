import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, posix, win32 } from 'node:path';

// MedTerm's cache folder (term files parsed and packed: dictionaryCache.ts; the CLI's compiled code: codeCache.ts).
// Kept apart from both so that the CLI's small loader (cliLoader.ts) bundles nothing else.

/**
 * Where the cache lives: $MEDTERM_CACHE_DIR (empty or "off" turns it off), else the user's cache folder:
 * $XDG_CACHE_HOME/medterm or ~/.cache/medterm on Linux, ~/Library/Caches/medterm on macOS,
 * %LOCALAPPDATA%\medterm\Cache on Windows.
 */
export function dictionaryCacheDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string | undefined {
  const configured = env['MEDTERM_CACHE_DIR'];
  if (configured !== undefined) return configured === '' || configured.toLowerCase() === 'off' ? undefined : configured;
  if (platform === 'win32')
    return win32.join(env['LOCALAPPDATA'] || win32.join(home, 'AppData', 'Local'), 'medterm', 'Cache');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'medterm');
  return posix.join(env['XDG_CACHE_HOME'] || posix.join(home, '.cache'), 'medterm');
}

/**
 * Create a folder and its parents with a bounded number of mkdir calls. Node's mkdirSync({ recursive: true })
 * loops forever where mkdir keeps failing with ENOENT although the parent exists (under /proc: audit row C2).
 */
export function makeDirectory(path: string, depth = 0): boolean {
  if (depth > 64) return false;
  try {
    mkdirSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return isFolder(path);
    if (code !== 'ENOENT') return false;
  }
  const parent = dirname(path);
  if (parent === path || !makeDirectory(parent, depth + 1)) return false;
  try {
    mkdirSync(path); // once more, now that the parent exists; no further retry
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(path);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
