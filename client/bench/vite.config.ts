import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The map benchmark page: the wall's real map code on a synthetic site, built like the app. */
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
  },
});
