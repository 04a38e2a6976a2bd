import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../ground/csp';

/** The web host's policy, for the file:// page, with the media scheme of mediaProtocol.ts. */
const csp = contentSecurityPolicy({ mediaSchemes: ['regie-media:'] });

export function applyContentSecurityPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/** The main window with STYLE.md's secure defaults; navigation away and new windows are denied. */
export function createMainWindow(options: {
  preload: string;
  rendererUrl: string | undefined;
  rendererDir: string;
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    show: false,
    title: 'Régie',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  if (options.rendererUrl) void window.loadURL(options.rendererUrl);
  else void window.loadFile(join(options.rendererDir, 'index.html'));
  return window;
}
