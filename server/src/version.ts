import { version as packageVersion } from '../../package.json';

/**
 * MedTerm's version, read once from package.json (esbuild inlines it at build time): the server's `serverInfo`,
 * the CLI's `--version` and its SARIF driver, and the dictionary cache's key (node/dictionaryCache.ts).
 */
export function version(): string {
  return packageVersion;
}
