import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer alone, for the web console (`regie serve`); electron.vite.config.ts has the same. */
export const rendererConfig = {
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
};

export default defineConfig(rendererConfig);
