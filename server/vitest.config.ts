import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    setupFiles: ['test/setup/throw-deprecation.ts'],
    globalSetup: ['test/setup/pglite-template.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: one file at a time keeps PGlite and PostgreSQL runs steady.
    fileParallelism: false,
    // One module graph for every file: importing the app afresh per file cost ~1.5 s each, 150 s
    // a run. Each test builds its own app, database and ports; module state is caches and limits.
    isolate: false,
    // Logins and new users at a test's scrypt cost (lib/passwords.ts); servers the tests spawn inherit it.
    env: { VIGIL_PASSWORD_HASH_COST: 'test' },
  },
});
