import { version as packageVersion } from '../../package.json';

/**
 * MedTerm's version, read once from package.json (esbuild inlines it at build time): the server's `serverInfo`,
 * the CLI's `--version` and its SARIF driver. (The dictionary cache's key reads the same field.)
 */
export function version(): string {
  return packageVersion;
}
