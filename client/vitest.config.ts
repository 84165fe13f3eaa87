import { defineConfig } from 'vitest/config';

/** Unit tests next to the code; the browser tests in e2e/ have their own config. */
export default defineConfig({ test: { include: ['src/**/*.test.{ts,tsx}'] } });
