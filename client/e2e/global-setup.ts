import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { launchVigil } from './harness';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Once for all browser tests, side by side: a data directory Vigil has set up on its first start
 * (migrations, the admin, the demo site, the shipped plans), which each test file's Vigil starts
 * from a copy of; and the stand-in test pages (e2e/pages), built once for the files that use them.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const template = mkdtempSync(join(tmpdir(), 'vigil-e2e-template-'));
  const firstStart = async () => {
    const vigil = await launchVigil(template);
    await vigil.stop();
  };
  await Promise.all([firstStart(), build({ configFile: join(here, 'pages/vite.config.ts') })]);
  project.provide('vigilTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}
