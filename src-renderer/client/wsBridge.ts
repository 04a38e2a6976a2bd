import {
  eventNames,
  type CallName,
  type EventName,
  type Events,
  type Outcome,
  type RegieBridge,
  type ServerMessage,
  type WireError,
} from '../../src-preload/contract';

type Pending = (outcome: Outcome<unknown>) => void;

const disconnected: WireError = {
  code: 'unavailable',
  message: {
    en: 'Connection to Régie lost; retrying…',
    fr: 'Connexion à Régie perdue ; nouvel essai…',
  },
};

/**
 * The contract over the web host's WebSocket (/ws, same origin, the session cookie does the
 * authentication). Calls made while disconnected wait for the next connection; calls in flight
 * when it drops fail with `unavailable`; `onConnected` listeners run on every (re)connection.
 */
export function createWsBridge(url: string, onStatus: (isConnected: boolean) => void): RegieBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const connectedListeners = new Set<() => void>();
  let isOpen = false;
  let nextId = 1;
  let socket: WebSocket | undefined;
  let retryMs = 250;

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      isOpen = true;
      onStatus(true);
      for (const message of queue.splice(0)) ws.send(message);
      for (const listener of connectedListeners) listener();
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as ServerMessage;
      if (message.type === 'result') {
        pending.get(message.id)?.(message.outcome);
        pending.delete(message.id);
      } else if (eventNames.includes(message.name)) {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      }
    };
    ws.onclose = () => {
      isOpen = false;
      onStatus(false);
      for (const resolve of pending.values()) resolve({ ok: false, error: disconnected });
      pending.clear();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    call(name: CallName, args: unknown) {
      const id = nextId++;
      const text = JSON.stringify({ type: 'call', id, name, args });
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      }) as never;
    },
    subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      if (isOpen) queueMicrotask(listener);
      return () => void connectedListeners.delete(listener);
    },
  };
}
