// `npm start`: the desktop app where Electron's runtime is present, else the web console.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  electronBinary,
  fetchRuntime,
  rebuildSqlite,
  sqliteForElectron,
} from './electron-runtime.mjs';

const run = (command, args) => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const passThrough = process.argv.slice(2);

function serveInstead(reason) {
  console.log(`Régie: ${reason}\nRégie: starting the web console instead (regie serve).`);
  run('npm', ['run', 'build']);
  const child = spawn(process.execPath, ['bin/regie.js', 'serve', ...passThrough], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startElectron() {
  if (!existsSync(sqliteForElectron)) {
    try {
      console.log('Régie: building better-sqlite3 for Electron (first start)…');
      rebuildSqlite();
    } catch {
      return serveInstead(
        'better-sqlite3 could not be built for Electron (its headers need the network).',
      );
    }
  }
  run('npx', ['electron-vite', 'build']);
  const child = spawn(electronBinary(), ['.', ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.env.REGIE_WEB === '1') serveInstead('REGIE_WEB=1 asks for the web console.');
else if (electronBinary()) startElectron();
else {
  console.log("Régie: Electron's runtime is not installed; trying to download it…");
  const fetched = fetchRuntime();
  if (fetched.ok) startElectron();
  else
    serveInstead(
      `Electron's runtime could not be downloaded here (${fetched.reason}; no network to its release host?).`,
    );
}
