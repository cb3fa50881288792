import {
  ErrorCodes,
  ResponseError,
  type Message,
  type MessageStrategy,
  type RequestMessage,
} from 'vscode-languageserver';

/**
 * The LSP lifecycle the library leaves to servers (audit row F10), as a jsonrpc message strategy that sees
 * every incoming message before any handler:
 *
 * - before `initialize`, a request is answered with ServerNotInitialized (-32002) and a notification is
 *   dropped, except `exit` (the specification's words);
 * - `initialize` is accepted once: a second one is an InvalidRequest;
 * - after `shutdown`, every request is an InvalidRequest; only `exit` is still meaningful.
 *
 * A refused request is renamed to one of two internal methods whose handlers (registered by
 * `registerProtocolGate`) answer with the error, so the library still writes the response.
 */
const NOT_INITIALIZED = '$/medterm/serverNotInitialized';
const INVALID = '$/medterm/invalidRequest';

function isRequest(message: Message): message is RequestMessage {
  const candidate = message as Partial<RequestMessage>;
  return typeof candidate.method === 'string' && candidate.id !== undefined && candidate.id !== null;
}

function isNotification(message: Message): boolean {
  const candidate = message as Partial<RequestMessage>;
  return typeof candidate.method === 'string' && (candidate.id === undefined || candidate.id === null);
}

export function protocolGate(): MessageStrategy {
  let state: 'new' | 'running' | 'shutdown' = 'new';
  return {
    handleMessage(message, next) {
      if (isRequest(message)) {
        const refuse = (method: string, why: string): void =>
          next({ ...message, method, params: { method: message.method, why } } as RequestMessage);
        if (state === 'new') {
          if (message.method !== 'initialize') return refuse(NOT_INITIALIZED, 'the server is not initialized yet');
          state = 'running';
        } else if (state === 'shutdown') {
          return refuse(INVALID, 'the server has been shut down');
        } else if (message.method === 'initialize') {
          return refuse(INVALID, 'initialize may be sent only once');
        } else if (message.method === 'shutdown') {
          state = 'shutdown';
        }
      } else if (isNotification(message) && state === 'new' && (message as RequestMessage).method !== 'exit') {
        return; // dropped, as the specification asks
      }
      next(message);
    },
  };
}

/** The handlers of refused requests: they answer with the error code. */
export function registerProtocolGate(connection: {
  onRequest(method: string, handler: (params: { method: string; why: string }) => unknown): unknown;
}): void {
  connection.onRequest(NOT_INITIALIZED, (params) =>
    Promise.reject(new ResponseError(ErrorCodes.ServerNotInitialized, `${params.method}: ${params.why}`)),
  );
  connection.onRequest(INVALID, (params) =>
    Promise.reject(new ResponseError(ErrorCodes.InvalidRequest, `${params.method}: ${params.why}`)),
  );
}
