// Electron's runtime and the native modules built for it.
//   node scripts/electron-runtime.mjs check    exit 0 when Electron's binary is present
//   node scripts/electron-runtime.mjs fetch    download it (package.json denies the install script
//                                              so that `npm ci` works offline; this is the opt-in)
//   node scripts/electron-runtime.mjs rebuild  build better-sqlite3 for Electron's ABI into
//                                              build-electron/ (the Node build stays for CLI/tests)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const electronDir = join(root, 'node_modules', 'electron');

export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

export const sqliteForElectron = join(root, 'build-electron', 'better_sqlite3.node');

/**
 * The one line worth printing from a failed download: Electron's installer dies with a raw stack
 * (`TypeError: fetch failed` and five `at …` lines) where its release host is out of reach.
 */
export function failureLine(stderr) {
  const lines = stderr.split('\n').map((line) => line.trim());
  const error = lines.find((line) => /^[A-Z]\w*Error: /.test(line));
  const cause = lines
    .map((line) => /^\[cause\]: (?:\w*Error: )?(.*)$/.exec(line)?.[1])
    .find(Boolean);
  const last = lines.filter((line) => line !== '' && !line.startsWith('at ')).at(-1);
  const line = error ? `${error}${cause ? ` (${cause})` : ''}` : (last ?? 'no output');
  return line.slice(0, 200);
}

/**
 * Downloads Electron's runtime with its own installer, quietly: `{ ok: true }`, or
 * `{ ok: false, reason }` with one line saying why. `installer` is for tests.
 */
export function fetchRuntime({
  timeoutMs = 120_000,
  installer = join(electronDir, 'install.js'),
} = {}) {
  const result = spawnSync(process.execPath, [installer], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.status === 0 && electronBinary() !== undefined) return { ok: true };
  const reason =
    result.error?.message ??
    (result.signal ? `stopped after ${String(timeoutMs / 1000)} s` : failureLine(result.stderr));
  return { ok: false, reason };
}

/** Builds better-sqlite3 in a scratch copy, so node_modules keeps the build plain Node loads. */
export function rebuildSqlite() {
  const source = join(root, 'node_modules', 'better-sqlite3');
  const scratch = mkdtempSync(join(tmpdir(), 'regie-sqlite-electron-'));
  try {
    cpSync(source, scratch, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });
    const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
    execFileSync(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion()}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: scratch, stdio: 'inherit' },
    );
    mkdirSync(join(root, 'build-electron'), { recursive: true });
    cpSync(join(scratch, 'build', 'Release', 'better_sqlite3.node'), sqliteForElectron);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2];
  if (command === 'check') process.exit(electronBinary() ? 0 : 1);
  else if (command === 'fetch') {
    const fetched = fetchRuntime();
    if (!fetched.ok) console.error(`Electron's runtime could not be downloaded: ${fetched.reason}`);
    process.exit(fetched.ok ? 0 : 1);
  } else if (command === 'rebuild') rebuildSqlite();
  else {
    console.error('usage: electron-runtime.mjs check|fetch|rebuild');
    process.exit(2);
  }
}
