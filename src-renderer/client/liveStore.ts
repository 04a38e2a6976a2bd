import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CallName, CallResult, EventName, Events } from '../../src-preload/contract';
import { call, subscribe } from './client';

export interface LiveState<T> {
  data: T | undefined;
  error: string | undefined;
}

/**
 * A projection of main-side state: loaded with one call, then kept current by one pushed event.
 * Nothing else writes to it (STYLE.md: the main side is the source of truth).
 */
export function createLiveStore<N extends CallName, E extends EventName>(options: {
  load: N;
  event: E;
  apply: (current: CallResult<N> | undefined, payload: Events[E]) => CallResult<N> | undefined;
  /**
   * For busy events (a first scan of a large drop tree sends one per file): events are gathered
   * for `batchMs` and applied together, one render per batch instead of one per event.
   */
  applyMany?: (
    current: CallResult<N> | undefined,
    payloads: Events[E][],
  ) => CallResult<N> | undefined;
  batchMs?: number;
}): { use: UseBoundStore<StoreApi<LiveState<CallResult<N>>>>; start: () => void } {
  const use = create<LiveState<CallResult<N>>>(() => ({ data: undefined, error: undefined }));
  let isStarted = false;
  const start = () => {
    if (isStarted) return;
    isStarted = true;
    subscribe(options.event, (payload) =>
      use.setState((s) => ({ data: options.apply(s.data, payload) })),
    );
    call(options.load, {} as never).then(
      (data) => use.setState({ data, error: undefined }),
      (error: unknown) =>
        use.setState({ error: error instanceof Error ? error.message : String(error) }),
    );
  };
  return { use, start };
}
