import type { CallArgs, CallName, CallResult } from './calls';
import type { EventName, Events } from './events';
import type { WireError } from './entities';

/** A call's outcome as it crosses IPC or the WebSocket: errors are values, not exceptions. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** What the Electron preload exposes as `window.regie`, and what the web client implements. */
export interface RegieBridge {
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<Outcome<CallResult<N>>>;
  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void;
  /**
   * The ready handshake (as in Electron Fiddle): `listener` runs once as soon as the bridge is
   * connected to the main side, then again after every reconnection, so stores reload what they
   * may have missed while disconnected. Returns the unsubscribe function.
   */
  onConnected(listener: () => void): () => void;
}

/** IPC channel names; the WebSocket uses the same names inside its messages. */
export const ipcCallChannel = (name: CallName): string => `regie:call:${name}`;
export const ipcEventChannel = 'regie:event';

/** Messages on the web host's WebSocket. */
export type ClientMessage = { type: 'call'; id: number; name: string; args: unknown };
export type ServerMessage =
  | { type: 'result'; id: number; outcome: Outcome<unknown> }
  | { type: 'event'; name: EventName; payload: unknown };
