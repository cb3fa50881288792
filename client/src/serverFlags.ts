/**
 * Node flags the language server is started with (by the VS Code client; the README gives the same
 * command line for other editors, and the benchmark starts the server with them).
 *
 * `--max-semi-space-size=4`: caps V8's young generation at 4 MB per semi-space. A language server is
 * long-lived and mostly idle, but analysing a large document allocates quickly, and V8 then grows the young
 * generation to 16 MB per semi-space (32 MB resident) and keeps it. Capped, the server holds ~20 MB less;
 * warm analysis, start-up and edit latency measured with and without it differed by no more than the
 * machine's noise (bench/RESULTS.md, third session).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
