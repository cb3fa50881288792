import { dirname, resolve } from 'node:path';
import { buildDictionary, type Dictionary, type ParsedLayerFile } from '../engine';
import { termFileLocationsForFile, termFileProblemMessage, type TermFileLocation } from './layers';
import { readUserTermFile } from './termFiles';

/**
 * The CLI's dictionaries: for each file, the layers the editor would use with the file's project open
 * (layers.ts: ~/.medterm or $MEDTERM_HOME, the project's .medterm/, the project's medterm.dictionaries),
 * plus --dictionary files on top. Files of one project share one dictionary; each term file is read once.
 */
export interface ProjectDictionary {
  /** The project folder (undefined: none found from the file or the working folder upward). */
  readonly project: string | undefined;
  readonly dictionary: Dictionary;
  /** The user's and the project's term files and --dictionary files, as parsed (for spec checks and errors). */
  readonly layers: readonly ParsedLayerFile[];
}

export interface ProjectDictionaries {
  forFile(file: string): ProjectDictionary;
  readonly all: readonly ProjectDictionary[];
  /** Term files that could not be used (not found, not a folder), as messages: warnings, the run goes on. */
  readonly warnings: readonly string[];
}

export function projectDictionaries(
  files: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    builtin: readonly ParsedLayerFile[];
    extra: readonly ParsedLayerFile[];
    cacheDirectory: string | undefined;
    english: boolean;
  },
): ProjectDictionaries {
  const read = new Map<string, ParsedLayerFile[]>();
  const warnings = new Set<string>();
  const load = (location: TermFileLocation): ParsedLayerFile[] => {
    if (location.problem) {
      warnings.add(termFileProblemMessage(location.problem, location.path, options.english));
      return [];
    }
    let layers = read.get(location.path);
    if (!layers) {
      layers = readUserTermFile(location.path, location.layer, {
        allowPatterns: true,
        cacheDirectory: options.cacheDirectory,
      });
      read.set(location.path, layers);
    }
    return layers;
  };
  const byProject = new Map<string, ProjectDictionary>();
  const byFile = new Map<string, ProjectDictionary>();
  // Files of one folder share a project: its upward search is done once per folder, not per file.
  const byFolder = new Map<string, ProjectDictionary>();
  const make = (file: string): ProjectDictionary => {
    const folder = dirname(resolve(options.cwd, file));
    const known = byFolder.get(folder);
    if (known) return known;
    const { project, files: locations } = termFileLocationsForFile(file, options.cwd, options.env);
    const key = project ?? '';
    let entry = byProject.get(key);
    if (!entry) {
      const layers = [...locations.flatMap(load), ...options.extra];
      entry = { project, dictionary: buildDictionary([...options.builtin, ...layers]), layers };
      byProject.set(key, entry);
    }
    byFolder.set(folder, entry);
    return entry;
  };
  for (const file of files) byFile.set(resolve(options.cwd, file), make(file));
  // No file (glossary of nothing, or an error before): the working folder's project.
  if (byProject.size === 0) make(resolve(options.cwd, '.medterm-none'));
  return {
    forFile: (file) => byFile.get(resolve(options.cwd, file)) ?? make(file),
    all: [...byProject.values()],
    warnings: [...warnings],
  };
}
