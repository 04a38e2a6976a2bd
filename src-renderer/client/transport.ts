import type { CallName, CallResult, EventName, Events } from '../../src-preload/contract';

/** What the live stores need of the bridge (client.ts gives the real one). */
export interface Transport {
  call<N extends CallName>(name: N, args: never): Promise<CallResult<N>>;
  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void;
  onConnected(listener: () => void): () => void;
}
