// Bundles the client, the language server and the CLI. tsc type-checks (npm run typecheck); esbuild ships.
import * as esbuild from 'esbuild';

import { ensureEnglishGuard } from './scripts/generate-english-guard.mjs';

// The near-miss rule's English guard is made from data/terms: a build always carries the guard of its data.
ensureEnglishGuard();

const watch = process.argv.includes('--watch');
const development = watch || process.argv.includes('--dev');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !development,
  sourcemap: development ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  // ESM dependencies (tinyglobby) read import.meta.url, which is empty in a CommonJS bundle.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};
const shebang = { js: `#!/usr/bin/env node\n${common.banner.js}` };

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: shebang },
  // The `medterm` command: a small loader (dist/cli.js) that runs the CLI bundle through V8's code cache.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/medterm-cli.js' },
  { ...common, entryPoints: ['server/src/cliLoader.ts'], outfile: 'dist/cli.js', banner: shebang },
];

// The VS Code API suite (test/vscode), run by @vscode/test-electron or, here, inside code-server.
if (process.argv.includes('--tests')) {
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: ['test/vscode/index.ts'],
    outfile: 'out/vscode-suite/index.js',
    external: ['vscode', 'mocha'],
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
