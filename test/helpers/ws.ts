import WebSocket from 'ws';
import type { ServerMessage } from '../../src-preload/contract';

export interface WsOptions {
  headers?: Record<string, string>;
  origin?: string;
}

/**
 * Tries the WebSocket handshake and says how it ended: 101 when it opened (the socket is closed
 * again), else the HTTP status the server answered with.
 */
export function upgradeStatus(url: string, options: WsOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

/** An open socket that keeps every message, so a test can wait for the one it expects. */
export interface OpenSocket {
  send(message: unknown): void;
  /** Resolves with the first message (already received or to come) that matches. */
  waitFor(match: (message: ServerMessage) => boolean, what: string): Promise<ServerMessage>;
  received: ServerMessage[];
  close(): void;
}

export function openSocket(url: string, options: WsOptions = {}): Promise<OpenSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    const received: ServerMessage[] = [];
    const waiters: { match: (m: ServerMessage) => boolean; done: (m: ServerMessage) => void }[] =
      [];
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      received.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.match(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.done(message);
        }
      }
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        received,
        send: (message) => socket.send(JSON.stringify(message)),
        waitFor: (match, what) =>
          new Promise((done, fail) => {
            const already = received.find(match);
            if (already) return done(already);
            const timer = setTimeout(() => fail(new Error(`no message: ${what}`)), 4000);
            waiters.push({
              match,
              done: (m) => {
                clearTimeout(timer);
                done(m);
              },
            });
          }),
        close: () => socket.terminate(),
      }),
    );
  });
}

/** The outcome of call `id`, once it arrives. */
export async function resultOf(socket: OpenSocket, id: number) {
  const message = await socket.waitFor(
    (m) => m.type === 'result' && m.id === id,
    `result ${String(id)}`,
  );
  if (message.type !== 'result') throw new Error('unreachable');
  return message.outcome;
}
