// Runs `npm ci` when node_modules is missing or older than package-lock.json, so that a fresh
// clone needs only `npm start` (or `npm test`).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const isStale =
  !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (isStale) {
  console.log('Régie: installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
