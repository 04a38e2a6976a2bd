import { app, BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from '../cli/dataDir';
import { createApp } from '../app/app';
import { keyFileCipher } from '../secrets/cipher';
import { registerIpc } from './ipc';
import { handleMediaScheme, registerMediaScheme } from './mediaProtocol';
import { safeStorageCipher } from './safeStorageCipher';
import { applyContentSecurityPolicy, createMainWindow } from './window';

/** The desktop app: one createApp(), one window, the contract over IPC. Nothing else lives here. */
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const preload = join(import.meta.dirname, '../preload/index.cjs');

/** In development, better-sqlite3 built for Electron's ABI (scripts/electron-runtime.mjs rebuild). */
function sqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const built = join(app.getAppPath(), 'build-electron', 'better_sqlite3.node');
  return existsSync(built) ? built : undefined;
}

const isOurUrl = (url: string) =>
  rendererUrl ? url.startsWith(rendererUrl) : url.startsWith(pathToFileURL(rendererDir).href);

if (!app.requestSingleInstanceLock()) app.quit();
registerMediaScheme();

void app.whenReady().then(() => {
  const dataDir = resolveDataDir(undefined);
  const binding = sqliteBinding();
  const regie = createApp({
    dataDir,
    watch: true,
    cipher: safeStorageCipher(keyFileCipher(join(dataDir, 'secret.key'))),
    ...(binding ? { sqliteNativeBinding: binding } : {}),
  });
  applyContentSecurityPolicy();
  handleMediaScheme(regie);
  const unregister = registerIpc(regie, () => BrowserWindow.getAllWindows(), isOurUrl);
  createMainWindow({ preload, rendererUrl, rendererDir });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      createMainWindow({ preload, rendererUrl, rendererDir });
  });
  app.on('window-all-closed', () => app.quit());
  // Electron does not wait for a promise in a quit handler: hold the quit, close Régie (jobs end
  // `interrupted (quit)`, ffmpeg and the other children stopped), then exit for real.
  let isClosed = false;
  const holdQuit = (event: Electron.Event) => {
    if (isClosed) return;
    event.preventDefault();
    unregister();
    void regie
      .close()
      .catch((error: unknown) => process.stderr.write(`regie: closing failed: ${String(error)}\n`))
      .finally(() => {
        isClosed = true;
        app.exit(0);
      });
  };
  app.on('before-quit', holdQuit);
  app.on('will-quit', holdQuit);
});
