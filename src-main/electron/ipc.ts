import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { callNameList, ipcCallChannel, ipcEventChannel } from '../../src-preload/contract';
import type { RegieApp } from '../app/app';
import { bi, toWireError, RegieError } from '../ground/errors';

/**
 * Registers one IPC handler per contract call and forwards every event to our windows. A call
 * from a frame that is not one of our windows' main frames, on our own page, is refused.
 */
export function registerIpc(
  app: RegieApp,
  windows: () => BrowserWindow[],
  isOurUrl: (url: string) => boolean,
): () => void {
  const isTrusted = (frame: WebFrameMain | null) =>
    frame !== null &&
    isOurUrl(frame.url) &&
    windows().some((w) => w.webContents.mainFrame === frame);
  for (const name of callNameList) {
    ipcMain.handle(ipcCallChannel(name), (event, args: unknown) => {
      if (!isTrusted(event.senderFrame)) {
        return {
          ok: false,
          error: toWireError(
            new RegieError('forbidden', bi('Untrusted sender', 'Expéditeur non reconnu')),
          ),
        };
      }
      return app.api.call(name, args);
    });
  }
  const unsubscribe = app.events.onAny((name, payload) => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(ipcEventChannel, name, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of callNameList) ipcMain.removeHandler(ipcCallChannel(name));
  };
}
