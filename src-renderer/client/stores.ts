import { call, onConnected, subscribe } from './client';
import { makeStores } from './liveStore';

/** The live-store factories bound to the bridge (see liveStore.ts). */
export const { createLiveStore, createListStore } = makeStores({
  call: (name, args) => call(name, args),
  subscribe,
  onConnected,
});
export { byId, inOrderOf, newestIdFirst } from './liveStore';
