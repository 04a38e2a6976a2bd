// Builds the plain-Node entry (CLI, web host, workers) into out/node/. No Electron here.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

/** Vite's `?raw` imports (the SQL migrations), for esbuild. */
const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: new URL(args.path.replace(/\?raw$/, ''), `file://${args.resolveDir}/`).pathname,
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

await build({
  entryPoints: { cli: 'src-main/cli/main.ts' },
  outdir: 'out/node',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Dependencies stay in node_modules: better-sqlite3 is native, the rest need no bundling.
  packages: 'external',
  plugins: [rawPlugin],
  logLevel: 'warning',
});
