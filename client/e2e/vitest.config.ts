import { defineConfig } from 'vitest/config';

// The servers these tests start (global setup included) hash passwords at a test's scrypt cost
// (server/src/lib/passwords.ts): the first start and every login would otherwise take a second.
process.env.VIGIL_PASSWORD_HASH_COST = 'test';

/** Browser tests: the real built app (server/dist + client/dist) driven by the system's Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // One first start of Vigil and one build of the stand-in pages, shared by every file.
    globalSetup: ['e2e/global-setup.ts'],
  },
});
