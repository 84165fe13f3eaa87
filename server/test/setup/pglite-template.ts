import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory already created and migrated, for createTestDatabase to copy. */
    pgliteTemplate: string | null;
  }
}

/**
 * Once per run on PGlite: a data directory made and migrated, which each test's database starts
 * from a copy of. Making one costs PGlite's initdb and every migration, about ten seconds on a
 * busy machine; copying and opening a made one, about one — and the suite makes dozens.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (process.env.VIGIL_TEST_DB === 'postgres') {
    project.provide('pgliteTemplate', null);
    return undefined;
  }
  const template = mkdtempSync(join(tmpdir(), 'vigil-test-template-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: template });
  await database.close();
  project.provide('pgliteTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}
