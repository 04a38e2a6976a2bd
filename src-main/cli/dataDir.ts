import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's `appData` for each OS; the desktop app and the CLI share one data directory. */
export function osAppDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

export const appFolderName = 'Regie';

/** `--data DIR`, else `REGIE_DATA`, else the OS's app-data folder. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag ?? env.REGIE_DATA ?? join(osAppDataDir(env), appFolderName);
}
