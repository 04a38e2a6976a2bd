import type { EventName, Events } from '../../src-preload/contract';

export type Listener<E extends EventName> = (payload: Events[E]) => void;

/** The main side's typed event bus; every face (IPC, WebSocket, CLI) subscribes to it. */
export interface EventBus {
  on<E extends EventName>(name: E, listener: Listener<E>): () => void;
  /** Every event, for bridges that forward them all. */
  onAny(listener: <E extends EventName>(name: E, payload: Events[E]) => void): () => void;
  emit<E extends EventName>(name: E, payload: Events[E]): void;
}

type AnyListener = <E extends EventName>(name: E, payload: Events[E]) => void;

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const anyListeners = new Set<AnyListener>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onAny(listener) {
      anyListeners.add(listener);
      return () => anyListeners.delete(listener);
    },
    emit(name, payload) {
      // A failing listener (a closed socket, say) must not stop the others or the caller.
      for (const listener of listeners.get(name) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
      for (const listener of anyListeners) {
        try {
          listener(name, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
