import type { WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../src-preload/contract';
import type { RegieApp } from '../app/app';
import { bi } from '../ground/errors';

/**
 * Carries the contract over one WebSocket: calls in, outcomes and every event out. The core's
 * `api.call` parses the arguments; this only checks the envelope.
 */
export function attachBridge(socket: WebSocket, app: RegieApp): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = app.events.onAny((name, payload) => send({ type: 'event', name, payload }));
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    const message = parse(isBinary ? '' : data.toString());
    if (!message) {
      socket.close(1003, 'Expected {type:"call", id, name, args}');
      return;
    }
    void app.api
      .call(message.name, message.args)
      .then((outcome) => send({ type: 'result', id: message.id, outcome }));
  });
}

function parse(text: string): ClientMessage | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClientMessage>;
    if (value.type === 'call' && typeof value.id === 'number' && typeof value.name === 'string') {
      return { type: 'call', id: value.id, name: value.name, args: value.args ?? {} };
    }
  } catch {
    // Not JSON: reported to the caller by closing the socket with a reason.
  }
  return undefined;
}

export const notBuiltMessage = bi(
  'The console is not built: run `npm run build` first.',
  "La console n'est pas construite : lancez d'abord `npm run build`.",
);
