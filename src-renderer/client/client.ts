import { create } from 'zustand';
import type {
  CallArgs,
  CallName,
  CallResult,
  EventName,
  Events,
  RegieBridge,
  WireError,
} from '../../src-preload/contract';
import { createWsBridge } from './wsBridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser. */
    regie?: RegieBridge;
  }
}

/** A failed call, with the wire error for forms (field errors) and notifications. */
export class CallError extends Error {
  readonly wire: WireError;
  constructor(wire: WireError) {
    super(wire.message.en);
    this.wire = wire;
  }
}

export const useConnection = create<{ isConnected: boolean }>(() => ({ isConnected: true }));

let bridge: RegieBridge | undefined;

/** The preload's bridge inside Electron, the WebSocket one in a browser; callers cannot tell. */
function getBridge(): RegieBridge {
  if (!bridge) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    bridge =
      window.regie ?? createWsBridge(url, (isConnected) => useConnection.setState({ isConnected }));
  }
  return bridge;
}

export async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const outcome = await getBridge().call(name, args);
  if (!outcome.ok) throw new CallError(outcome.error);
  return outcome.value;
}

export function subscribe<E extends EventName>(
  name: E,
  listener: (payload: Events[E]) => void,
): () => void {
  return getBridge().subscribe(name, listener);
}

/**
 * Runs `listener` once connected and after every reconnection (`regie serve` restarted, the
 * WebSocket dropped): the live stores reload there.
 */
export function onConnected(listener: () => void): () => void {
  return getBridge().onConnected(listener);
}

/**
 * A same-origin media path from the core (`/media/file/12`) as the page can load it: as is in
 * the browser, through the desktop app's regie-media scheme inside Electron.
 */
export function mediaUrl(path: string): string {
  return window.regie ? `regie-media://app${path}` : path;
}
