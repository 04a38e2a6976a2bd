import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from './cli';

/** Vite's `?raw` imports, as scripts/build-node.mjs does; packages stay where they are. */
const plugins: Plugin[] = [
  {
    name: 'raw',
    setup(b) {
      b.onResolve({ filter: /\?raw$/ }, (args) => ({
        path: join(args.resolveDir, args.path.replace(/\?raw$/, '')),
        namespace: 'raw',
      }));
      b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({
        contents: await readFile(args.path, 'utf8'),
        loader: 'text',
      }));
    },
  },
  {
    name: 'packages-from-repo',
    setup(b) {
      const require = createRequire(join(repoRoot, 'package.json'));
      b.onResolve({ filter: /^[^./]/ }, (args) =>
        args.path.startsWith('node:')
          ? { path: args.path, external: true }
          : { path: require.resolve(args.path), external: true },
      );
    },
  },
];

/**
 * TypeScript `source` (imports relative to the repository root) bundled into `outfile`, an ES
 * module Node runs in a process of its own: a Régie to kill, a simulator to keep apart.
 */
export async function bundleScript(source: string, outfile: string): Promise<void> {
  await build({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'ts', sourcefile: 'script.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    plugins,
    logLevel: 'silent',
  });
}
