import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the dev server sends `/api` and `/socket.io`; the API server listens on 3000 by default. */
const serverUrl = process.env.VIGIL_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: serverUrl, changeOrigin: true },
      '/socket.io': { target: serverUrl, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
});
