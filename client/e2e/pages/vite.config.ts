import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

/**
 * Test pages made of the app's own code, built like the app, for the browser tests that run on
 * a stand-in relay: the tile player alone (player.html), and a monitor on seeded live state
 * (monitor.html).
 */
export default defineConfig({
  plugins: [react()],
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: { player: page('player'), monitor: page('monitor'), command: page('command'), 'guard-dispatch': page('guard-dispatch') } },
  },
});
