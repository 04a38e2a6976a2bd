import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcCallChannel, ipcEventChannel, type RegieBridge } from './contract/bridge';
import { eventNames, type EventName } from './contract/events';
import { callNameList } from './contract/names';

/**
 * The Electron preload: exposes `window.regie` with two functions bound to the contract's names.
 * Neither ipcRenderer nor anything of Node reaches the page (STYLE.md).
 */
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
ipcRenderer.on(ipcEventChannel, (_event: IpcRendererEvent, name: EventName, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const bridge: RegieBridge = {
  call(name, args) {
    if (!callNameList.includes(name))
      return Promise.reject(new Error(`Unknown call ${String(name)}`));
    return ipcRenderer.invoke(ipcCallChannel(name), args) as never;
  },
  subscribe(name, listener) {
    if (!eventNames.includes(name)) throw new Error(`Unknown event ${String(name)}`);
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => void set.delete(wrapped);
  },
  // IPC is there for as long as the page: connected once, from the start. A reload of the page
  // (the only way to lose it) starts everything again, stores included.
  onConnected(listener) {
    let isSubscribed = true;
    queueMicrotask(() => {
      if (isSubscribed) listener();
    });
    return () => {
      isSubscribed = false;
    };
  },
};

contextBridge.exposeInMainWorld('regie', bridge);
