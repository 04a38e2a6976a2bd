import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecorderFile } from '../../src-preload/contract';
import { applyChanges } from '../../src-renderer/client/applyChanges';
import { byId, makeStores, newestIdFirst } from '../../src-renderer/client/liveStore';

// The live stores talk to the bridge through a transport; here a fake one stands in for it.
const listeners = new Map<string, ((payload: unknown) => void)[]>();
const connected: (() => void)[] = [];
const loads: { resolve: (value: unknown) => void }[] = [];
const bridge = {
  loads,
  push(name: string, payload: unknown) {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  },
  reconnect() {
    for (const listener of connected) listener();
  },
};
const { createListStore } = makeStores({
  call: () => new Promise((resolve) => loads.push({ resolve: resolve as (v: unknown) => void })),
  subscribe: (name, listener) => {
    listeners.set(name, [...(listeners.get(name) ?? []), listener as (payload: unknown) => void]);
    return () => undefined;
  },
  onConnected: (listener) => {
    connected.push(listener);
    listener();
    return () => undefined;
  },
});

const file = (id: number, status: RecorderFile['status'] = 'incomplete') =>
  ({ id, fileName: `f${String(id)}.mp4`, status }) as RecorderFile;

describe('applyChanges (the one rule for <domain>.changed pushes)', () => {
  const keyOf = (f: RecorderFile) => f.id;

  it('replaces changed items in place, puts new ones first and drops removed ids', () => {
    const list = [file(2), file(1)];
    const next = applyChanges(
      list,
      [
        { items: [file(1, 'unclaimed'), file(3)] },
        { items: [], removedIds: [2] },
        { items: [file(4)] },
      ],
      { keyOf },
    );
    expect(next.map((f) => [f.id, f.status])).toEqual([
      [4, 'incomplete'],
      [3, 'incomplete'],
      [1, 'unclaimed'],
    ]);
  });

  it('lets the latest payload win, a removal included, and re-adding after a removal', () => {
    const next = applyChanges(
      [file(1)],
      [
        { items: [file(1, 'invalid')] },
        { items: [], removedIds: [1] },
        { items: [file(5)] },
        { items: [], removedIds: [5] },
        { items: [file(5, 'unclaimed')] },
      ],
      { keyOf },
    );
    expect(next.map((f) => [f.id, f.status])).toEqual([[5, 'unclaimed']]);
  });

  it('starts again from an isComplete payload: what it does not list is gone', () => {
    const next = applyChanges(
      [file(1), file(2)],
      [
        { items: [file(9)] },
        { items: [file(2, 'queued')], isComplete: true },
        { items: [file(3)] },
      ],
      { keyOf, order: newestIdFirst },
    );
    expect(next.map((f) => [f.id, f.status])).toEqual([
      [3, 'incomplete'],
      [2, 'queued'],
    ]);
  });

  it('empties the list on an isComplete payload with no item (the last unknown folder claimed)', () => {
    expect(applyChanges([file(1)], [{ items: [], isComplete: true }], { keyOf })).toEqual([]);
  });

  it('applies 10,000 pushes in one pass', () => {
    const payloads = Array.from({ length: 10_000 }, (_, i) => ({ items: [file(i + 1)] }));
    const next = applyChanges([], payloads, { keyOf, order: newestIdFirst });
    expect(next).toHaveLength(10_000);
    expect(next[0]?.id).toBe(10_000);
  });
});

describe('createListStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    listeners.clear();
    connected.length = 0;
    loads.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  const started = (batchMs: number) => {
    const store = createListStore({
      load: 'inbox.list',
      events: ['inbox.changed'],
      keyOf: byId,
      order: newestIdFirst,
      batchMs,
    });
    store.start();
    let renders = 0;
    store.use.subscribe(() => renders++);
    return { store, renders: () => renders };
  };

  it('gathers pushes for batchMs and applies them in one render', async () => {
    const { store, renders } = started(200);
    bridge.loads[0]?.resolve([file(1)]);
    await vi.waitFor(() => expect(store.use.getState().data).toHaveLength(1));
    const before = renders();

    for (let id = 2; id <= 10_001; id++) bridge.push('inbox.changed', { items: [file(id)] });
    expect(store.use.getState().data).toHaveLength(1);
    vi.advanceTimersByTime(199);
    expect(renders()).toBe(before);
    vi.advanceTimersByTime(1);

    expect(renders()).toBe(before + 1);
    expect(store.use.getState().data).toHaveLength(10_001);
  });

  it('reloads on every reconnection, and applies pushes received during a load on top of it', async () => {
    const { store } = started(50);
    bridge.loads[0]?.resolve([file(1)]);
    await vi.waitFor(() => expect(store.use.getState().data).toHaveLength(1));

    // The server restarted: file 2 was created while the console was disconnected.
    bridge.reconnect();
    expect(bridge.loads).toHaveLength(2);
    bridge.push('inbox.changed', { items: [file(2, 'unclaimed')] });
    vi.advanceTimersByTime(50);
    // The push waits for the load it may be newer than.
    expect(store.use.getState().data?.map((f) => f.id)).toEqual([1]);
    bridge.loads[1]?.resolve([file(2), file(1)]);
    await vi.waitFor(() =>
      expect(store.use.getState().data?.map((f) => [f.id, f.status])).toEqual([
        [2, 'unclaimed'],
        [1, 'incomplete'],
      ]),
    );
  });

  it('ignores the answer of a load overtaken by a newer one', async () => {
    const { store } = started(50);
    bridge.reconnect();
    bridge.loads[1]?.resolve([file(7)]);
    await vi.waitFor(() => expect(store.use.getState().data).toHaveLength(1));
    bridge.loads[0]?.resolve([]);
    await Promise.resolve();
    expect(store.use.getState().data?.map((f) => f.id)).toEqual([7]);
  });
});
