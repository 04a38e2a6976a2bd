import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CallName, CallResult, Changed, EventName, Events } from '../../src-preload/contract';
import { applyChanges } from './applyChanges';
import type { Transport } from './transport';

export interface LiveState<T> {
  data: T | undefined;
  error: string | undefined;
}

export interface LiveStore<T> {
  use: UseBoundStore<StoreApi<LiveState<T>>>;
  /** Subscribes once; from then on the store (re)loads on every (re)connection. */
  start: () => void;
}

type ChangedEvent = {
  [E in EventName]: Events[E] extends Changed<unknown, number | string> ? E : never;
}[EventName];
type ItemOf<E extends ChangedEvent> = Events[E] extends Changed<infer T, infer _K> ? T : never;
type KeyOf<E extends ChangedEvent> = Events[E] extends Changed<infer _T, infer K> ? K : never;

/** The live-store factories over a transport: the bridge in the app, a fake in the tests. */
export function makeStores(transport: Transport) {
  /**
   * A projection of main-side state: loaded with one call, then kept current by pushed events.
   * Nothing else writes to it (STYLE.md: the main side is the source of truth).
   *
   * - It loads when the connection is (re)established, so a restarted `regie serve` or a dropped
   *   WebSocket never leaves it stale (the bridge's ready handshake, `onConnected`).
   * - Pushes are gathered for `batchMs` and applied together by `applyMany`: one render per batch
   *   (a first scan of a large drop tree sends one push per file).
   * - Pushes that arrive while a load is in flight wait for it and are applied on top of it, so a
   *   load answered late does not hide a change pushed meanwhile.
   */
  function createLiveStore<N extends CallName, E extends EventName>(options: {
    load: N;
    events: E[];
    applyMany: (
      current: CallResult<N> | undefined,
      payloads: Events[E][],
    ) => CallResult<N> | undefined;
    batchMs?: number;
  }): LiveStore<CallResult<N>> {
    type T = CallResult<N>;
    const use = create<LiveState<T>>(() => ({ data: undefined, error: undefined }));
    const batchMs = options.batchMs ?? 50;
    let pending: Events[E][] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loading = 0; // generation of the load in flight, 0 when none
    let generation = 0;

    const flush = () => {
      timer = undefined;
      if (loading !== 0 || pending.length === 0) return;
      const payloads = pending;
      pending = [];
      use.setState((s) => ({ data: options.applyMany(s.data, payloads) }));
    };
    const push = (payload: Events[E]) => {
      pending.push(payload);
      timer ??= setTimeout(flush, batchMs);
    };
    const load = () => {
      const mine = ++generation;
      loading = mine;
      transport.call(options.load, {} as never).then(
        (data) => {
          if (mine !== generation) return;
          loading = 0;
          use.setState({ data, error: undefined });
          flush();
        },
        (error: unknown) => {
          if (mine !== generation) return;
          loading = 0;
          use.setState({ error: error instanceof Error ? error.message : String(error) });
          flush();
        },
      );
    };

    let isStarted = false;
    const start = () => {
      if (isStarted) return;
      isStarted = true;
      for (const event of options.events) transport.subscribe(event, push);
      transport.onConnected(load);
    };
    return { use, start };
  }

  /**
   * A list kept current by `<domain>.changed` pushes (the rule in src-preload/contract/events.ts),
   * applied by `applyChanges`: the one upsert every such store uses.
   */
  function createListStore<N extends CallName, E extends ChangedEvent>(options: {
    load: N;
    events: E[];
    keyOf: (item: ItemOf<E>) => KeyOf<E>;
    order?: (a: ItemOf<E>, b: ItemOf<E>) => number;
    batchMs?: number;
  }): LiveStore<CallResult<N>> {
    return createLiveStore({
      load: options.load,
      events: options.events,
      batchMs: options.batchMs,
      applyMany: (current, payloads) =>
        applyChanges(
          current as ItemOf<E>[] | undefined,
          payloads as unknown as Changed<ItemOf<E>, KeyOf<E>>[],
          { keyOf: options.keyOf, order: options.order },
        ) as CallResult<N>,
    });
  }

  return { createLiveStore, createListStore };
}

export const byId = (item: { id: number }): number => item.id;
export const newestIdFirst = (a: { id: number }, b: { id: number }): number => b.id - a.id;
/** Sorts like SQLite's `ORDER BY <text>` (binary), so a pushed item lands where a reload puts it. */
export const inOrderOf =
  <T>(text: (item: T) => string) =>
  (a: T, b: T): number => {
    const x = text(a);
    const y = text(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
