// Preloaded into every benchmarked Node process (NODE_OPTIONS=--require): writes its peak RSS on exit.
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.MEDTERM_BENCH_PEAK)
    appendFileSync(process.env.MEDTERM_BENCH_PEAK, `${process.resourceUsage().maxRSS}\n`);
});
