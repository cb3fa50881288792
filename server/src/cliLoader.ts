import { join } from 'node:path';
import { dictionaryCacheDirectory } from './node/cacheDirectory';
import { runWithCodeCache } from './node/codeCache';

// dist/cli.js, the `medterm` command: runs the CLI bundle (dist/medterm-cli.js, built from cli.ts) through V8's code
// cache (node/codeCache.ts). Kept tiny: everything it imports is parsed on every run without the cache.
// --no-cache (before a `--` that ends the options) writes nothing to the cache folder, this cache included.
const end = process.argv.indexOf('--');
const options = process.argv.slice(2, end < 0 ? undefined : end);
runWithCodeCache(
  join(__dirname, 'medterm-cli.js'),
  options.includes('--no-cache') ? undefined : dictionaryCacheDirectory(),
);
