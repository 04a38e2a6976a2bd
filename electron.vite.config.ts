import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

/**
 * The desktop build: main (src-main/electron/main.ts and the core it imports), the sandboxed
 * preload (bundled whole: a sandboxed preload can only require 'electron'), and the renderer.
 * The CLI/web host build is separate: scripts/build-node.mjs.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: 'src-main/electron/main.ts' },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      // Sandboxed preloads cannot be ES modules.
      rollupOptions: {
        input: { index: 'src-preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: 'src-renderer',
    build: {
      ...rendererConfig.build,
      outDir: 'out/renderer',
      rollupOptions: { input: 'src-renderer/index.html' },
    },
  },
});
