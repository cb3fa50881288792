import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { nodeRuntime } from './node/runtime';
import { protocolGate, registerProtocolGate } from './protocolGate';
import { startServer } from './server';

/**
 * Node entry of the language server: `node dist/server.js --stdio` (or --node-ipc, --socket=N,
 * which createConnection reads from the command line). The bundle sits in dist/, data/ beside it.
 */
// The protocol gate answers requests before initialize and after shutdown as the specification says (F10).
const connection = createConnection(ProposedFeatures.all, { messageStrategy: protocolGate() });
registerProtocolGate(connection);

process.on('uncaughtException', (error) => {
  // Log the cause where the user can see it (the output channel, and stderr, which the client shows
  // too), give the message time to leave, then exit so that the client restarts the server.
  const message = `MedTerm server crashed: ${error.stack ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  connection.console.error(message);
  setTimeout(() => process.exit(1), 200);
});

// A promise rejected with no handler (background work: a reload, a scan) is a bug to log, not a reason to
// exit: Node 15+ would otherwise turn it into an uncaught exception and end the server (the editor loses
// hover and diagnostics for every document).
process.on('unhandledRejection', (reason) => {
  const message = `MedTerm: unhandled error in background work: ${(reason as Error | undefined)?.stack ?? String(reason)}`;
  process.stderr.write(`${message}\n`);
  connection.console.error(message);
});

startServer(connection, nodeRuntime(__dirname));
