#!/usr/bin/env node
// The `regie` command. The code lives in the build (npm run build); this only finds it.
import { existsSync } from 'node:fs';

const entry = new URL('../out/node/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('regie: not built yet: run `npm run build` in the Régie folder first.\n');
  process.exit(1);
}
await import(entry.href);
