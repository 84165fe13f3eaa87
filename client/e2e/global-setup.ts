import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { ADMIN_PASSWORD, api, apiSession, launchVigil } from './harness';

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
    // The demo's ring-road round runs by the clock: a test would see its patrol_missed alarms or
    // not by the hour it ran at. Retired here (its tours cancelled); a patrol test makes its own.
    const admin = await apiSession(vigil, 'admin', ADMIN_PASSWORD);
    const { routes } = await api<{ routes: { id: string }[] }>(vigil, admin, 'GET', '/api/v1/patrol/routes');
    for (const route of routes) await api(vigil, admin, 'DELETE', `/api/v1/patrol/routes/${route.id}`);
    await vigil.stop();
  };
  await Promise.all([firstStart(), build({ configFile: join(here, 'pages/vite.config.ts') })]);
  project.provide('vigilTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}
